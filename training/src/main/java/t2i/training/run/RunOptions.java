package t2i.training.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import t2i.error.UserException;

/**
 * A training command's options over a run configuration, and the one rule for new and resumed runs.
 * A new run takes the defaults, then every option given, and saves the result in a new folder. A
 * resumed run continues from its saved configuration and latest checkpoint: options left out keep
 * the run's values; an option that defines the model or its data ({@link #fixed}: presets, loss,
 * batch size, seed, dataset, ...) is refused, in one line naming it, if it would change the saved
 * value; an option that only shapes the learning-rate schedule or the arithmetic precision ({@link
 * #adjustable}) may change, and {@code config.json} records the change. Session options (steps,
 * minutes, checkpoint interval, threads, logging) are not part of the configuration and always
 * apply.
 *
 * @param <C> the run configuration
 * @param <B> its builder
 */
public final class RunOptions<C extends Record, B> {
  private final Function<C, B> toBuilder;
  private final Function<B, C> build;
  private final List<Option<B, ?>> options = new ArrayList<>();

  private record Option<B, V>(String name, V value, BiConsumer<B, V> set, boolean fixed) {
    void applyTo(B builder) {
      set.accept(builder, value);
    }
  }

  public RunOptions(Function<C, B> toBuilder, Function<B, C> build) {
    this.toBuilder = toBuilder;
    this.build = build;
  }

  /**
   * An option that defines the model or its data.
   *
   * @param value the value given, or null when the option was left out
   */
  public <V> RunOptions<C, B> fixed(String name, V value, BiConsumer<B, V> set) {
    return add(new Option<>(name, value, set, true));
  }

  /**
   * An option that only shapes the learning-rate schedule or the arithmetic: a resume may change
   * it.
   */
  public <V> RunOptions<C, B> adjustable(String name, V value, BiConsumer<B, V> set) {
    return add(new Option<>(name, value, set, false));
  }

  private RunOptions<C, B> add(Option<B, ?> option) {
    if (option.value() != null) {
      options.add(option);
    }
    return this;
  }

  /** A new run's configuration: the defaults, then every option given. */
  public C newRun(B defaults) {
    for (Option<B, ?> o : options) {
      o.applyTo(defaults);
    }
    return build.apply(defaults);
  }

  /**
   * A resumed run's configuration: the saved one, with the adjustable options given.
   *
   * @throws UserException if a fixed option would change the saved configuration
   */
  public C resume(C saved, Path runDir) {
    for (Option<B, ?> o : options) {
      if (o.fixed()) {
        List<String> changes = changes(saved, with(saved, o));
        if (!changes.isEmpty()) {
          throw new UserException(
              o.name()
                  + " "
                  + o.value()
                  + " would change "
                  + runDir
                  + " ("
                  + String.join("; ", changes)
                  + "): options that define the model or its data cannot change on --resume;"
                  + " leave it out, or choose a new --out");
        }
      }
    }
    C config = saved;
    for (Option<B, ?> o : options) {
      if (!o.fixed()) {
        config = with(config, o);
      }
    }
    return config;
  }

  /**
   * Where training starts: a new run in {@code dir} (which must not exist or be empty) from {@code
   * defaults} and the options, or the run in {@code dir} resumed under the rule above. A resume
   * says on {@code notes} where it continues and what it changes.
   *
   * @param defaults a new run's defaults; not called for a resume
   */
  public RunStart<C> start(
      boolean resume, Path dir, String kind, Class<C> type, Supplier<B> defaults, PrintWriter notes)
      throws IOException {
    if (!resume) {
      C config = newRun(defaults.get());
      RunDirectory.create(dir, kind, config);
      return new RunStart<>(config, null);
    }
    RunDirectory run = RunDirectory.open(dir, kind);
    C saved = run.config(type);
    C config = resume(saved, dir);
    Checkpoint latest = new Checkpoints(dir).latest().orElse(null);
    if (latest == null) {
      notes.printf(
          "%s has no checkpoint yet: starting at step 0 with its saved configuration%n", dir);
    } else {
      notes.printf("resuming %s at step %d%n", dir, latest.step());
    }
    List<String> changes = changes(saved, config);
    if (!changes.isEmpty()) {
      notes.printf(
          "from step %d on: %s (saved in %s)%n",
          latest == null ? 0 : latest.step(), String.join("; ", changes), RunDirectory.CONFIG);
      run.update(config);
    }
    notes.flush();
    return new RunStart<>(config, latest);
  }

  private <V> C with(C config, Option<B, V> option) {
    B builder = toBuilder.apply(config);
    option.applyTo(builder);
    return build.apply(builder);
  }

  /**
   * What differs between two configurations, component by component: "loss int-cls -> cls", or
   * "another gan" for a nested configuration. A component the saved configuration lacks (null: a
   * run folder older than it) is filled in, not changed.
   */
  static List<String> changes(Record saved, Record requested) {
    List<String> out = new ArrayList<>();
    for (RecordComponent c : saved.getClass().getRecordComponents()) {
      Object before = value(c, saved);
      Object after = value(c, requested);
      if (before == null || before.equals(after)) {
        continue;
      }
      out.add(
          before instanceof Record
              ? "another " + c.getName()
              : String.format(Locale.ROOT, "%s %s -> %s", c.getName(), before, after));
    }
    return out;
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      c.getAccessor().setAccessible(true);
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }
}
