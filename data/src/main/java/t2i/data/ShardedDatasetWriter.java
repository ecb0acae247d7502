package t2i.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import t2i.data.DatasetManifest.CaptionStats;
import t2i.data.DatasetManifest.ClassEntry;
import t2i.data.DatasetManifest.ConceptEntry;
import t2i.data.DatasetManifest.ShardEntry;
import t2i.data.DatasetManifest.SourceEntry;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.Digests;
import t2i.data.io.Json;
import t2i.data.tfrecord.ExampleCodec;
import t2i.data.tfrecord.TfRecordWriter;

/**
 * Writes a dataset folder: TFRecord shards per split ({@code trainval-00000.tfrecord}, ...), the
 * class lists of Reed's layout ({@code allclasses.txt}, {@code trainvalclasses.txt}, {@code
 * testclasses.txt}) and {@code manifest.json}. Everything is staged and appears in one rename on
 * {@link #commit}; closing without commit leaves no trace.
 */
public final class ShardedDatasetWriter implements AutoCloseable {
  public static final int DEFAULT_RECORDS_PER_SHARD = 1024;

  /** What the writer cannot know from the records themselves. */
  public record Description(
      String name,
      String description,
      List<ClassEntry> classes,
      List<SourceEntry> sources,
      Map<String, String> options) {}

  private final AtomicDirectory folder;
  private final int recordsPerShard;
  private final Map<Split, ShardState> open = new EnumMap<>(Split.class);
  private final List<ShardEntry> finished = new ArrayList<>();
  private final Map<Integer, Integer> recordsPerClass = new TreeMap<>();
  private final Map<String, Integer> recordsPerConcept = new TreeMap<>();
  private final Map<String, Integer> classOfConcept = new TreeMap<>();
  private final Map<String, Integer> recordsPerStyle = new TreeMap<>();
  private final Map<String, Integer> recordsPerSplit = new TreeMap<>();
  private int width = -1;
  private int height = -1;
  private int minCaptions = Integer.MAX_VALUE;
  private int maxCaptions;
  private long totalCaptions;
  private final Map<String, Long> captionsPerLanguage = new TreeMap<>();
  private boolean committed;

  private static final class ShardState {
    final Path file;
    final TfRecordWriter writer;

    ShardState(Path file) throws IOException {
      this.file = file;
      this.writer = new TfRecordWriter(file);
    }
  }

  private ShardedDatasetWriter(AtomicDirectory folder, int recordsPerShard) {
    this.folder = folder;
    this.recordsPerShard = recordsPerShard;
  }

  /** Starts a dataset at {@code out}; see {@link AtomicDirectory#create} for {@code replace}. */
  public static ShardedDatasetWriter create(Path out, boolean replace, int recordsPerShard)
      throws IOException {
    checkArgument(recordsPerShard > 0, "recordsPerShard must be > 0, was %s", recordsPerShard);
    return new ShardedDatasetWriter(
        AtomicDirectory.create(out, replace, DatasetManifest.FILE_NAME), recordsPerShard);
  }

  /**
   * What the manifest counts of one encoded record: its image size, style, captions, and the class
   * and concept of each thing it shows (one for a single-object record, several for a scene).
   */
  public record Counted(
      String key,
      Split split,
      int width,
      int height,
      String style,
      List<String> captionLanguages,
      List<Integer> classIds,
      List<String> concepts) {
    public Counted {
      captionLanguages = List.copyOf(captionLanguages);
      checkArgument(
          classIds.size() == concepts.size(),
          "record %s has %s class ids for %s concepts",
          key,
          classIds.size(),
          concepts.size());
      classIds = List.copyOf(classIds);
      concepts = List.copyOf(concepts);
    }
  }

  public void write(TextImageRecord r) throws IOException {
    write(
        ExampleCodec.encode(r),
        new Counted(
            r.key(),
            r.split(),
            r.width(),
            r.height(),
            r.style(),
            r.captionLanguages(),
            List.of(r.classId()),
            List.of(r.concept())));
  }

  /** Writes an already encoded {@code tf.train.Example}, counting what {@code c} says it holds. */
  public void write(byte[] example, Counted c) throws IOException {
    checkState(!committed, "dataset already committed");
    if (width < 0) {
      width = c.width();
      height = c.height();
    }
    checkArgument(
        c.width() == width && c.height() == height,
        "record %s is %sx%s, the dataset is %sx%s",
        c.key(),
        c.width(),
        c.height(),
        width,
        height);
    for (int i = 0; i < c.concepts().size(); i++) {
      int classId = c.classIds().get(i);
      Integer conceptClass = classOfConcept.putIfAbsent(c.concepts().get(i), classId);
      checkArgument(
          conceptClass == null || conceptClass == classId,
          "concept %s of record %s is in classes %s and %s: a concept lies in one class",
          c.concepts().get(i),
          c.key(),
          conceptClass,
          classId);
    }
    ShardState shard = open.get(c.split());
    if (shard == null) {
      int index = (int) finished.stream().filter(s -> s.split() == c.split()).count();
      String name = String.format("%s-%05d.tfrecord", c.split().fileName(), index);
      shard = new ShardState(folder.staging().resolve(name));
      open.put(c.split(), shard);
    }
    shard.writer.write(example);
    if (shard.writer.records() >= recordsPerShard) {
      finish(c.split());
    }
    for (int i = 0; i < c.concepts().size(); i++) {
      recordsPerClass.merge(c.classIds().get(i), 1, Integer::sum);
      recordsPerConcept.merge(c.concepts().get(i), 1, Integer::sum);
    }
    recordsPerStyle.merge(c.style(), 1, Integer::sum);
    recordsPerSplit.merge(c.split().fileName(), 1, Integer::sum);
    int captions = c.captionLanguages().size();
    minCaptions = Math.min(minCaptions, captions);
    maxCaptions = Math.max(maxCaptions, captions);
    totalCaptions += captions;
    for (String language : c.captionLanguages()) {
      captionsPerLanguage.merge(language, 1L, Long::sum);
    }
  }

  private void finish(Split split) throws IOException {
    ShardState shard = open.remove(split);
    shard.writer.close();
    finished.add(
        new ShardEntry(
            shard.file.getFileName().toString(),
            split,
            (int) shard.writer.records(),
            Files.size(shard.file),
            Digests.sha256Hex(shard.file)));
  }

  /**
   * Finishes the shards, writes the manifest and class lists and moves the folder into place. The
   * description's class entries give id, name and split; their record counts are replaced by what
   * was written.
   */
  public DatasetManifest commit(Description d) throws IOException {
    checkState(!committed, "dataset already committed");
    checkState(width > 0, "no records were written");
    for (Split split : List.copyOf(open.keySet())) {
      finish(split);
    }
    List<ClassEntry> classes = new ArrayList<>();
    for (ClassEntry c : d.classes()) {
      classes.add(
          new ClassEntry(c.id(), c.name(), c.split(), recordsPerClass.getOrDefault(c.id(), 0)));
    }
    List<ConceptEntry> concepts = new ArrayList<>();
    recordsPerConcept.forEach(
        (key, count) ->
            concepts.add(new ConceptEntry(concepts.size(), key, classOfConcept.get(key), count)));
    int records = recordsPerSplit.values().stream().mapToInt(Integer::intValue).sum();
    DatasetManifest manifest =
        new DatasetManifest(
            DatasetManifest.FORMAT_VERSION,
            d.name(),
            d.description(),
            width,
            height,
            classes,
            concepts,
            recordsPerSplit,
            recordsPerStyle,
            new CaptionStats(
                minCaptions,
                maxCaptions,
                (double) totalCaptions / records,
                totalCaptions,
                captionsPerLanguage),
            finished,
            d.sources(),
            d.options());
    Path dir = folder.staging();
    writeClassList(dir.resolve("allclasses.txt"), classes, null);
    writeClassList(dir.resolve("trainvalclasses.txt"), classes, Split.TRAINVAL);
    writeClassList(dir.resolve("testclasses.txt"), classes, Split.TEST);
    Json.write(dir.resolve(DatasetManifest.FILE_NAME), manifest);
    folder.commit();
    committed = true;
    return manifest;
  }

  /** Extra files (licences, attribution) go here before {@link #commit}. */
  public Path stagingDirectory() {
    return folder.staging();
  }

  private static void writeClassList(Path file, List<ClassEntry> classes, Split split)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    for (ClassEntry c : classes) {
      if (split == null || c.split() == split) {
        sb.append(c.name()).append('\n');
      }
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    for (ShardState s : open.values()) {
      s.writer.close();
    }
    open.clear();
    folder.close();
  }
}
