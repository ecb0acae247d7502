package t2i.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import t2i.data.DatasetManifest.ShardEntry;
import t2i.data.io.Digests;
import t2i.data.io.Json;
import t2i.data.scenes.SceneExampleCodec;
import t2i.data.scenes.SceneRecords;
import t2i.data.tfrecord.ExampleCodec;
import t2i.data.tfrecord.TfRecordReader;
import t2i.error.UserException;

/** A dataset folder written by {@link ShardedDatasetWriter}, opened for reading. */
public final class Dataset {
  private final Path dir;
  private final DatasetManifest manifest;

  private Dataset(Path dir, DatasetManifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /**
   * Opens the dataset in {@code dir} and checks that every shard is there with the size the
   * manifest gives (a cheap test for truncation; {@link #verifyChecksums} reads every byte).
   */
  public static Dataset open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UserException(
          "no dataset at " + dir + ": build one with `t2i data emoji --out " + dir + "`");
    }
    Path manifestFile = dir.resolve(DatasetManifest.FILE_NAME);
    if (!Files.isRegularFile(manifestFile)) {
      throw new UserException(
          dir
              + " is not a t2i dataset (no "
              + DatasetManifest.FILE_NAME
              + "): build one with `t2i data emoji --out "
              + dir
              + "`");
    }
    DatasetManifest manifest = Json.read(manifestFile, DatasetManifest.class);
    if (manifest.formatVersion() != DatasetManifest.FORMAT_VERSION) {
      throw new UserException(
          String.format(
              "%s has format version %d, this t2i reads version %d: rebuild the dataset",
              manifestFile, manifest.formatVersion(), DatasetManifest.FORMAT_VERSION));
    }
    for (ShardEntry shard : manifest.shards()) {
      Path file = dir.resolve(shard.file());
      try {
        if (!Files.isRegularFile(file)) {
          throw new UserException(file + " is missing: the dataset is incomplete; rebuild it");
        }
        long size = Files.size(file);
        if (size != shard.bytes()) {
          throw new UserException(
              String.format(
                  "%s has %d bytes, the manifest says %d: truncated or modified; rebuild the"
                      + " dataset",
                  file, size, shard.bytes()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Dataset(dir, manifest);
  }

  public Path dir() {
    return dir;
  }

  public DatasetManifest manifest() {
    return manifest;
  }

  /**
   * Streams the records of one split, shard by shard, in file order. A scenes dataset's records
   * come as one image with its captions each ({@link SceneRecords#asTextImage}).
   */
  public void forEach(Split split, Consumer<TextImageRecord> action) {
    boolean scenes = SceneRecords.isScenes(manifest);
    forEachExample(
        split,
        data ->
            action.accept(
                scenes
                    ? SceneRecords.asTextImage(SceneExampleCodec.decode(data))
                    : ExampleCodec.decode(data)));
  }

  /** Streams the serialised examples of one split, shard by shard, in file order. */
  public void forEachExample(Split split, Consumer<byte[]> action) {
    for (ShardEntry shard : manifest.shards(split)) {
      Path file = dir.resolve(shard.file());
      try (TfRecordReader reader = new TfRecordReader(file)) {
        for (byte[] data; (data = reader.next()) != null; ) {
          action.accept(data);
        }
      } catch (IOException e) {
        throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }

  public List<TextImageRecord> read(Split split) {
    List<TextImageRecord> records = new ArrayList<>(manifest.records(split));
    forEach(split, records::add);
    return records;
  }

  /** Reads every shard and compares its SHA-256 with the manifest. */
  public void verifyChecksums() {
    for (ShardEntry shard : manifest.shards()) {
      Path file = dir.resolve(shard.file());
      try {
        String actual = Digests.sha256Hex(file);
        if (!actual.equals(shard.sha256())) {
          throw new UserException(
              file + " does not match its SHA-256 in the manifest: corrupt; rebuild the dataset");
        }
      } catch (IOException e) {
        throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
