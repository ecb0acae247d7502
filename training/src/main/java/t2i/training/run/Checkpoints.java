package t2i.training.run;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.Fsync;
import t2i.data.io.Json;
import t2i.error.UserException;

/**
 * The checkpoints of a run, in {@code <run>/checkpoints/}: {@code step-<n>/} folders written whole
 * (saved to a hidden folder, forced to disk, then renamed) and {@code latest.json}, replaced
 * atomically after the folder is in place. A crash or a power loss at any moment leaves the
 * previous checkpoint usable. The newest {@code keep} checkpoints are kept ({@link #KEPT} for a
 * run).
 */
public final class Checkpoints {
  /** Checkpoints a run keeps: the newest three. */
  public static final int KEPT = 3;

  static final String MODEL = "model";
  private static final String LATEST = "latest.json";

  private final Path dir;
  private final int keep;

  /** A run's checkpoints, the newest {@link #KEPT} kept. */
  public Checkpoints(Path runDir) {
    this(runDir, KEPT);
  }

  public Checkpoints(Path runDir, int keep) {
    checkArgument(keep >= 1, "keep must be >= 1, was %s", keep);
    this.dir = runDir.resolve("checkpoints");
    this.keep = keep;
  }

  /**
   * What {@code latest.json} says: the newest checkpoint's step and folder name, and the training
   * wall time over all sessions up to it.
   */
  public record Latest(long step, String folder, double elapsedSeconds) {}

  public Checkpoint save(Session session, long step, double elapsedSeconds) throws IOException {
    Files.createDirectories(dir);
    String name = "step-" + step;
    Path staging = dir.resolve(".partial-" + name);
    AtomicDirectory.deleteRecursively(staging);
    Files.createDirectories(staging);
    session.save(staging.resolve(MODEL).toString());
    Fsync.tree(staging);
    Path target = dir.resolve(name);
    AtomicDirectory.deleteRecursively(target);
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    Path tmp = dir.resolve(LATEST + ".tmp");
    Fsync.directory(dir);
    Json.write(tmp, new Latest(step, name, elapsedSeconds));
    Fsync.file(tmp);
    Files.move(
        tmp,
        dir.resolve(LATEST),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    Fsync.directory(dir);
    prune(name);
    return new Checkpoint(step, target, elapsedSeconds);
  }

  /**
   * What {@code latest.json} says, if it exists, without checking the checkpoint's folder (for
   * reports on a run folder copied without its weights).
   */
  public Optional<Latest> latestEntry() {
    Path file = dir.resolve(LATEST);
    return Files.isRegularFile(file)
        ? Optional.of(Json.read(file, Latest.class))
        : Optional.empty();
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Checkpoint> latest() {
    Optional<Latest> entry = latestEntry();
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Path file = dir.resolve(LATEST);
    Latest latest = entry.get();
    Path folder = dir.resolve(latest.folder());
    if (!Files.isRegularFile(folder.resolve(MODEL + ".index"))) {
      throw new UserException(
          file
              + " names "
              + folder
              + ", which is missing or incomplete: the run folder was"
              + " changed by hand; delete latest.json to start over");
    }
    return Optional.of(new Checkpoint(latest.step(), folder, latest.elapsedSeconds()));
  }

  /** The run's latest checkpoint; one line for the user when there is none. */
  public static Checkpoint latestOf(Path runDir) {
    return new Checkpoints(runDir)
        .latest()
        .orElseThrow(() -> new UserException(runDir + " has no checkpoint yet"));
  }

  /**
   * Restores every variable of the session's graph from {@code checkpoint}; the checkpoint may hold
   * more (optimizer slots when the graph is an inference graph).
   */
  public static void restore(Session session, Checkpoint checkpoint) {
    try {
      session.restore(checkpoint.prefix());
    } catch (TensorFlowException | IllegalArgumentException e) {
      // TF Java reports a shape mismatch as TFInvalidArgumentException (an
      // IllegalArgumentException)
      // and a variable missing from the checkpoint as "not found"; anything else is a damaged file.
      String first = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
      boolean mismatch =
          e instanceof IllegalArgumentException
              || first.contains("not found in checkpoint")
              || e.getClass().getSimpleName().contains("NotFound");
      throw new UserException(
          checkpoint.dir()
              + (mismatch
                  ? " does not fit this model ("
                      + first
                      + "): it comes from a different"
                      + " architecture or configuration"
                  : " cannot be read ("
                      + first
                      + "): the checkpoint is damaged; delete its"
                      + " folder and latest.json to resume from an older one"),
          e);
    }
  }

  private void prune(String newest) throws IOException {
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> p.getFileName().toString().startsWith("step-"))
          .filter(Files::isDirectory)
          .forEach(folders::add);
    }
    folders.sort((a, b) -> Long.compare(stepOf(b), stepOf(a)));
    for (int i = keep; i < folders.size(); i++) {
      if (!folders.get(i).getFileName().toString().equals(newest)) {
        AtomicDirectory.deleteRecursively(folders.get(i));
      }
    }
  }

  private static long stepOf(Path folder) {
    try {
      return Long.parseLong(folder.getFileName().toString().substring("step-".length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** For tests and tools: the folder that holds the checkpoints. */
  public Path dir() {
    return dir;
  }
}
