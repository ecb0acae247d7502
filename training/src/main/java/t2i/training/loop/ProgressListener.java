package t2i.training.loop;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress: on a terminal, a bar with the latest scalars, rate and ETA; otherwise (logs,
 * CI, background runs) a line every {@code lineSeconds} with the same figures.
 */
public final class ProgressListener implements TrainingListener {
  private final PrintWriter out;
  private final boolean interactive;
  private final double lineSeconds;
  private ProgressBar bar;
  private Budget budget;
  private long firstStep;
  private long startNanos;
  private long lastLineNanos;

  public ProgressListener(PrintWriter out, boolean interactive, double lineSeconds) {
    this.out = out;
    this.interactive = interactive;
    this.lineSeconds = lineSeconds;
  }

  @Override
  public void started(long step, Budget budget) {
    this.budget = budget;
    this.firstStep = step;
    this.startNanos = System.nanoTime();
    this.lastLineNanos = startNanos;
    if (interactive) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("train")
              .setInitialMax(budget.maxSteps() > 0 ? budget.maxSteps() : -1)
              .startsFrom(step, Duration.ZERO)
              .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .setUpdateIntervalMillis(500)
              .showSpeed()
              .build();
    } else {
      out.printf(Locale.ROOT, "training from step %d (%s)%n", step, describe(budget));
      out.flush();
    }
  }

  @Override
  public void stepDone(StepResult r, double elapsedSeconds) {
    if (bar != null) {
      bar.stepTo(r.step());
      bar.setExtraMessage(format(r.scalars()) + eta(r.step()));
      return;
    }
    long now = System.nanoTime();
    if ((now - lastLineNanos) / 1e9 >= lineSeconds) {
      lastLineNanos = now;
      double seconds = (now - startNanos) / 1e9;
      out.printf(
          Locale.ROOT,
          "step %d  %s  %.2f steps/s%s%n",
          r.step(),
          format(r.scalars()),
          (r.step() - firstStep) / seconds,
          eta(r.step()));
      out.flush();
    }
  }

  @Override
  public void finished(long step, double elapsedSeconds) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    out.printf(
        Locale.ROOT,
        "stopped at step %d after %.1f min of training in all%n",
        step,
        elapsedSeconds / 60);
    out.flush();
  }

  private String eta(long step) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = (step - firstStep) / Math.max(seconds, 1e-9);
    double left = Double.MAX_VALUE;
    if (budget.maxSteps() > 0 && rate > 0) {
      left = (budget.maxSteps() - step) / rate;
    }
    if (budget.maxSeconds() > 0) {
      left = Math.min(left, budget.maxSeconds() - seconds);
    }
    if (left == Double.MAX_VALUE) {
      return "";
    }
    long s = Math.max(0, Math.round(left));
    return String.format(Locale.ROOT, "  ETA %d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  private static String format(Map<String, Double> scalars) {
    return scalars.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.4g", e.getKey(), e.getValue()))
        .collect(Collectors.joining("  "));
  }

  private static String describe(Budget b) {
    if (b.maxSteps() > 0 && b.maxSeconds() > 0) {
      return String.format(
          Locale.ROOT, "until step %d or %.1f min", b.maxSteps(), b.maxSeconds() / 60);
    }
    return b.maxSteps() > 0
        ? "until step " + b.maxSteps()
        : String.format(Locale.ROOT, "for %.1f min", b.maxSeconds() / 60);
  }
}
