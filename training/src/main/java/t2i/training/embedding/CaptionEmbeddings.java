package t2i.training.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.Json;
import t2i.data.io.Npy;
import t2i.error.UserException;

/**
 * The text embedding of every caption of a dataset, as Reed's GAN pipeline precomputed them: {@code
 * <dataset>/embeddings/<name>/captions.npy} (float32 {@code [distinct captions, dim]}) and {@code
 * index.json}, which gives for each split and record (in shard order) the rows of its captions, in
 * the record's caption order.
 */
public final class CaptionEmbeddings {
  public static final String INDEX = "index.json";
  public static final String MATRIX = "captions.npy";

  /** {@code index.json}. */
  public record Index(String run, long step, int dim, int rows, Map<String, List<int[]>> splits) {}

  private final Index index;
  private final Npy.Matrix matrix;

  private CaptionEmbeddings(Index index, Npy.Matrix matrix) {
    this.index = index;
    this.matrix = matrix;
  }

  /** Where {@code t2i embed} writes for a run named {@code name}. */
  public static Path folder(Path datasetDir, String name) {
    return datasetDir.resolve("embeddings").resolve(name);
  }

  /** Computes and writes the embeddings; returns the folder. */
  public static Path write(
      CaptionEncoder model, Dataset dataset, String name, boolean force, Progress progress)
      throws IOException {
    Map<String, Integer> rows = new LinkedHashMap<>();
    Map<String, List<int[]>> splits = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      List<int[]> perRecord = new ArrayList<>();
      for (TextImageRecord r : dataset.read(split)) {
        int[] ids = new int[r.captions().size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = rows.computeIfAbsent(r.captions().get(i), k -> rows.size());
        }
        perRecord.add(ids);
      }
      splits.put(split.fileName(), perRecord);
    }
    progress.start("encode " + rows.size() + " distinct captions", 0);
    float[] values = model.encodeTexts(new ArrayList<>(rows.keySet()));
    progress.finish();
    Path target = folder(dataset.dir(), name);
    Files.createDirectories(target.getParent());
    try (AtomicDirectory out = AtomicDirectory.create(target, force, INDEX)) {
      Npy.write(out.staging().resolve(MATRIX), new Npy.Matrix(rows.size(), model.dim(), values));
      Json.write(
          out.staging().resolve(INDEX),
          new Index(
              model
                  .checkpoint()
                  .dir()
                  .getParent()
                  .getParent()
                  .toAbsolutePath()
                  .normalize()
                  .toString(),
              model.checkpoint().step(),
              model.dim(),
              rows.size(),
              splits));
      out.commit();
    }
    return target;
  }

  public static CaptionEmbeddings read(Path folder) {
    Path indexFile = folder.resolve(INDEX);
    if (!Files.isRegularFile(indexFile)) {
      throw new UserException(
          folder + " holds no caption embeddings: make them with `t2i embed RUN --data DATASET`");
    }
    Index index = Json.read(indexFile, Index.class);
    Npy.Matrix m = Npy.read(folder.resolve(MATRIX));
    if (m.rows() != index.rows() || m.columns() != index.dim()) {
      throw new UserException(folder + ": " + MATRIX + " does not match " + INDEX);
    }
    return new CaptionEmbeddings(index, m);
  }

  public Index index() {
    return index;
  }

  /** How many captions record {@code record} of {@code split} has. */
  public int captions(Split split, int record) {
    return index.splits().get(split.fileName()).get(record).length;
  }

  public int dim() {
    return index.dim();
  }

  /** Adds {@code weight} × the embedding of one caption to {@code out[offset, offset + dim)}. */
  public void addTo(Split split, int record, int caption, float weight, float[] out, int offset) {
    int row = index.splits().get(split.fileName()).get(record)[caption];
    int d = index.dim();
    for (int i = 0; i < d; i++) {
      out[offset + i] += weight * matrix.values()[row * d + i];
    }
  }

  /** The embedding of caption {@code caption} of record {@code record} of {@code split}. */
  public float[] get(Split split, int record, int caption) {
    int row = index.splits().get(split.fileName()).get(record)[caption];
    float[] out = new float[index.dim()];
    System.arraycopy(matrix.values(), row * index.dim(), out, 0, index.dim());
    return out;
  }

  /** Records of {@code split}. */
  public int records(Split split) {
    return index.splits().get(split.fileName()).size();
  }

  /**
   * Adds the mean embedding of {@code k} distinct random captions of a record (all of them when it
   * has fewer) to {@code out[offset, offset + dim)}.
   */
  public void addMean(
      Split split, int record, int k, SplittableRandom random, float[] out, int offset) {
    int count = captions(split, record);
    int take = Math.min(k, count);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(count - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      addTo(split, record, order[i], 1f / take, out, offset);
    }
  }
}
