package t2i.data.batch;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import t2i.data.ClassLevel;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.image.Images;
import t2i.error.UserException;

/** A split's records with images decoded to RGB bytes, held in memory for batching. */
public final class DecodedSplit {
  private final int height;
  private final int width;
  private final List<byte[]> pixels;
  private final List<List<String>> captions;
  private final int[] classIds;
  private final int[][] recordsByClass;
  private final int[] classesPresent;

  private DecodedSplit(
      int height, int width, List<byte[]> pixels, List<List<String>> captions, int[] classIds) {
    this.height = height;
    this.width = width;
    this.pixels = pixels;
    this.captions = captions;
    this.classIds = classIds;
    int maxClass = Arrays.stream(classIds).max().orElse(-1);
    int[] counts = new int[maxClass + 1];
    for (int c : classIds) {
      counts[c]++;
    }
    recordsByClass = new int[maxClass + 1][];
    for (int c = 0; c <= maxClass; c++) {
      recordsByClass[c] = new int[counts[c]];
    }
    int[] fill = new int[maxClass + 1];
    for (int r = 0; r < classIds.length; r++) {
      recordsByClass[classIds[r]][fill[classIds[r]]++] = r;
    }
    classesPresent = IntStream.rangeClosed(0, maxClass).filter(c -> counts[c] > 0).toArray();
  }

  /** The split with the dataset's classes. */
  public static DecodedSplit load(Dataset dataset, Split split, Progress progress) {
    return load(dataset, split, ClassLevel.SUBCATEGORY, progress);
  }

  /** The split with classes at {@code level}. */
  public static DecodedSplit load(
      Dataset dataset, Split split, ClassLevel level, Progress progress) {
    return load(dataset, split, level, null, progress);
  }

  /**
   * The split with classes at {@code level}, each record with its captions in {@code languages}
   * alone (null: all its captions).
   *
   * @throws UserException for a record with no caption in those languages
   */
  public static DecodedSplit load(
      Dataset dataset,
      Split split,
      ClassLevel level,
      java.util.Collection<String> languages,
      Progress progress) {
    ToIntFunction<TextImageRecord> classOf = level.classifier(dataset.manifest());
    int expected = dataset.manifest().records(split);
    if (expected == 0) {
      throw new UserException(dataset.dir() + " has no " + split.fileName() + " records");
    }
    List<byte[]> pixels = new ArrayList<>(expected);
    List<List<String>> captions = new ArrayList<>(expected);
    List<Integer> classes = new ArrayList<>(expected);
    progress.start("decode " + split.fileName() + " images", expected);
    dataset.forEach(
        split,
        r -> {
          pixels.add(
              checkedPixels(
                  r,
                  dataset.manifest().imageWidth(),
                  dataset.manifest().imageHeight(),
                  " in " + dataset.dir()));
          captions.add(languages == null ? r.captions() : captionsIn(r, languages));
          classes.add(classOf.applyAsInt(r));
          progress.advance(1);
        });
    progress.finish();
    return new DecodedSplit(
        dataset.manifest().imageHeight(),
        dataset.manifest().imageWidth(),
        pixels,
        captions,
        classes.stream().mapToInt(Integer::intValue).toArray());
  }

  private static List<String> captionsIn(
      TextImageRecord r, java.util.Collection<String> languages) {
    List<String> kept = r.captionsIn(languages);
    if (kept.isEmpty()) {
      throw new UserException(
          "record "
              + r.key()
              + " has no caption in "
              + String.join(", ", languages)
              + " (it has "
              + String.join(", ", new java.util.TreeSet<>(r.captionLanguages()))
              + ")");
    }
    return kept;
  }

  /** Records given directly, for tests and tools. */
  public static DecodedSplit of(List<TextImageRecord> records) {
    return of(records, TextImageRecord::classId);
  }

  /** Records given directly, with the class each one has. */
  public static DecodedSplit of(
      List<TextImageRecord> records, ToIntFunction<TextImageRecord> classOf) {
    checkArgument(!records.isEmpty(), "no records");
    List<byte[]> pixels = new ArrayList<>();
    List<List<String>> captions = new ArrayList<>();
    int[] classes = new int[records.size()];
    for (int i = 0; i < records.size(); i++) {
      TextImageRecord r = records.get(i);
      pixels.add(checkedPixels(r, records.get(0).width(), records.get(0).height(), ""));
      captions.add(r.captions());
      classes[i] = classOf.applyAsInt(r);
    }
    return new DecodedSplit(
        records.get(0).height(), records.get(0).width(), pixels, captions, classes);
  }

  /** The record's RGB bytes, checked against the size every record of the split must have. */
  private static byte[] checkedPixels(TextImageRecord r, int width, int height, String where) {
    var image = Images.decodeOnWhite(r.png(), r.key() + where);
    if (image.getWidth() != width || image.getHeight() != height) {
      throw new UserException(
          String.format(
              "record %s (%s)%s is %dx%d, the dataset says %dx%d: rebuild the dataset",
              r.key(), r.style(), where, image.getWidth(), image.getHeight(), width, height));
    }
    return Images.rgbBytes(image);
  }

  public int size() {
    return pixels.size();
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /**
   * Records {@code [start, start + count)} centre-cropped to {@code side × side}, as the networks
   * take images: row-major {@code [count, side, side, }{@value Images#CHANNELS}{@code ]} in [−1,
   * 1].
   */
  public float[] centreCrops(int start, int count, int side) {
    checkCrop(side);
    int length = side * side * Images.CHANNELS;
    float[] out = new float[count * length];
    for (int i = 0; i < count; i++) {
      crop(start + i, (width - side) / 2, (height - side) / 2, side, false, out, i * length);
    }
    return out;
  }

  /** Checks that crops of {@code side × side} fit in the images. */
  void checkCrop(int side) {
    checkArgument(
        side <= height && side <= width,
        "crop size %s is larger than the images (%sx%s)",
        side,
        width,
        height);
  }

  /**
   * The {@code side × side} window of record {@code r} at ({@code x0}, {@code y0}), mirrored if
   * asked, written to {@code out} from {@code offset} as row-major RGB in [−1, 1].
   */
  void crop(int r, int x0, int y0, int side, boolean mirror, float[] out, int offset) {
    byte[] rgb = pixels.get(r);
    int c = Images.CHANNELS;
    int o = offset;
    for (int y = 0; y < side; y++) {
      int row = ((y0 + y) * width + x0) * c;
      for (int x = 0; x < side; x++) {
        int p = row + c * (mirror ? side - 1 - x : x);
        for (int k = 0; k < c; k++) {
          out[o++] = (rgb[p + k] & 0xff) / 127.5f - 1f;
        }
      }
    }
  }

  /** RGB bytes, row-major, of record {@code r}. */
  public byte[] pixels(int r) {
    return pixels.get(r);
  }

  public List<String> captions(int r) {
    return captions.get(r);
  }

  public int classId(int r) {
    return classIds[r];
  }

  /** Ids of the classes with at least one record, ascending. */
  public int[] classes() {
    return classesPresent.clone();
  }

  int classCount() {
    return classesPresent.length;
  }

  int classAt(int i) {
    return classesPresent[i];
  }

  int[] recordsOf(int classId) {
    return recordsByClass[classId];
  }
}
