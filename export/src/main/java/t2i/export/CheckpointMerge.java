package t2i.export;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.MergeV2Checkpoints;
import t2i.data.io.AtomicDirectory;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;

/**
 * One checkpoint holding the variables of several (an export graph restores from several runs at
 * once, and TF's saver restores a whole graph from one prefix). TF's MergeV2Checkpoints deletes its
 * inputs' index files, so it merges links (or copies) of the runs' files in a scratch folder: the
 * runs' checkpoints are never touched.
 */
final class CheckpointMerge {
  private CheckpointMerge() {}

  /**
   * Merges into {@code scratch/merged/model}; returns that prefix. Variable names must not clash.
   */
  private static String merge(List<Checkpoint> checkpoints, Path scratch) throws IOException {
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < checkpoints.size(); i++) {
      Path copy = Files.createDirectories(scratch.resolve("source-" + i));
      Path source = checkpoints.get(i).dir();
      String name = Path.of(checkpoints.get(i).prefix()).getFileName().toString();
      try (Stream<Path> files = Files.list(source)) {
        for (Path f :
            files.filter(p -> p.getFileName().toString().startsWith(name + ".")).toList()) {
          Path target = copy.resolve(f.getFileName());
          try {
            Files.createLink(target, f);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(f, target);
          }
        }
      }
      prefixes.add(copy.resolve(name).toString());
    }
    Path merged = Files.createDirectories(scratch.resolve("merged")).resolve("model");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      MergeV2Checkpoints op =
          tf.train.mergeV2Checkpoints(
              tf.constant(NdArrays.vectorOfObjects(prefixes.toArray(new String[0]))),
              tf.constant(merged.toString()),
              MergeV2Checkpoints.deleteOldDirs(false));
      try (Session s = new Session(g)) {
        s.runner().addTarget(op).run();
      }
    }
    return merged.toString();
  }

  /**
   * Restores the session's graph from the union of {@code checkpoints}: one checkpoint as it is,
   * several merged in a scratch folder made in {@code scratchParent} and deleted afterwards (the
   * merge hard-links the runs' files where they share its file system, else copies them).
   */
  static void restore(Session session, List<Checkpoint> checkpoints, Path scratchParent)
      throws IOException {
    checkArgument(!checkpoints.isEmpty(), "no checkpoint to restore from");
    if (checkpoints.size() == 1) {
      Checkpoints.restore(session, checkpoints.get(0));
      return;
    }
    Path scratch = Files.createTempDirectory(scratchParent.toAbsolutePath(), ".merge-");
    try {
      Path merged = Path.of(merge(checkpoints, scratch)).getParent();
      Checkpoints.restore(
          session, new Checkpoint(checkpoints.get(checkpoints.size() - 1).step(), merged, 0));
    } finally {
      AtomicDirectory.deleteRecursively(scratch);
    }
  }
}
