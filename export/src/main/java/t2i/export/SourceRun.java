package t2i.export;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * A run an export takes weights from: its folder, the configuration saved in it (which the export
 * rebuilds the graph from), its latest checkpoint, and the preset its network configuration
 * matches, or {@code custom}.
 */
record SourceRun<C extends Record>(
    String kind, Path dir, C config, Checkpoint checkpoint, String preset) {
  /**
   * Reads the run's configuration and finds its latest checkpoint; one line when either lacks.
   *
   * @param preset names the preset of a configuration
   */
  static <C extends Record> SourceRun<C> latest(
      Path dir, String kind, Class<C> type, Function<C, String> preset) {
    C config = RunDirectory.open(dir, kind).config(type);
    return new SourceRun<>(kind, dir, config, Checkpoints.latestOf(dir), preset.apply(config));
  }

  /** Its entry in the export manifest. */
  ExportManifest.Source manifestEntry() {
    return new ExportManifest.Source(
        kind, dir.toAbsolutePath().normalize().toString(), checkpoint.step(), preset, config);
  }

  /**
   * The preset the run recorded; for runs older than that field (null), the first of {@code names}
   * whose preset is {@code network}, or {@code custom}.
   */
  static <N> String presetName(
      String recorded, N network, Function<String, N> preset, List<String> names) {
    if (recorded != null) {
      return recorded;
    }
    return names.stream()
        .filter(name -> preset.apply(name).equals(network))
        .findFirst()
        .orElse("custom");
  }
}
