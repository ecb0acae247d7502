package t2i.training.gan;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import t2i.data.Dataset;
import t2i.data.EvenlySpaced;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.image.ImageGrid;
import t2i.training.ImageGeometry;
import t2i.training.embedding.CaptionEmbeddings;

/**
 * Fixed captions, half of them from test classes the GAN never trains on, each drawn with the same
 * fixed noise vectors: the grid that shows training progress (pytorch dcgan's fixed_noise). On data
 * with captions in several languages every second row of each split takes its caption in another
 * language than English, in the order the records list them, with the English caption beside it.
 */
public final class SampleGrid {
  private final List<String> labels = new ArrayList<>();
  private final List<String> captions = new ArrayList<>();
  private final float[] text;
  private final float[] z;
  private final int rows;
  private final int columns;
  private final int dim;

  public SampleGrid(
      Dataset dataset,
      CaptionEmbeddings embeddings,
      int zDim,
      int perSplit,
      int columns,
      long seed) {
    this.dim = embeddings.dim();
    this.columns = columns;
    List<float[]> chosen = new ArrayList<>();
    int otherLanguageRows = 0;
    for (Split split : List.of(Split.TRAINVAL, Split.TEST)) {
      List<TextImageRecord> records = dataset.read(split);
      List<String> otherLanguages = otherLanguages(records);
      // The first record of evenly spaced classes: distinct emoji, not one emoji in two styles.
      Map<Integer, Integer> firstOfClass = new LinkedHashMap<>();
      for (int r = 0; r < records.size(); r++) {
        firstOfClass.putIfAbsent(records.get(r).classId(), r);
      }
      List<Integer> firsts = new ArrayList<>(firstOfClass.values());
      List<Integer> picked = EvenlySpaced.of(firsts, perSplit);
      for (int k = 0; k < picked.size(); k++) {
        TextImageRecord record = records.get(picked.get(k));
        int caption = 0;
        String label = record.captions().get(0);
        if (k % 2 == 1 && !otherLanguages.isEmpty()) {
          String language = otherLanguages.get(otherLanguageRows++ % otherLanguages.size());
          int index = record.captionLanguages().indexOf(language);
          if (index >= 0) {
            caption = index;
            label = "[" + language + "] " + record.captions().get(index) + " (" + label + ")";
          }
        }
        chosen.add(embeddings.get(split, picked.get(k), caption));
        captions.add(record.captions().get(caption));
        labels.add((split == Split.TEST ? "[test class] " : "[trainval] ") + label);
      }
    }
    this.rows = chosen.size();
    this.text = new float[rows * columns * dim];
    for (int row = 0; row < rows; row++) {
      for (int c = 0; c < columns; c++) {
        System.arraycopy(chosen.get(row), 0, text, (row * columns + c) * dim, dim);
      }
    }
    float[] columnNoise = Noise.normal(new SplittableRandom(seed), columns * zDim);
    this.z = new float[rows * columns * zDim];
    for (int row = 0; row < rows; row++) {
      System.arraycopy(columnNoise, 0, z, row * columns * zDim, columns * zDim);
    }
  }

  /** The caption languages other than English, in the order the records first use them. */
  private static List<String> otherLanguages(List<TextImageRecord> records) {
    java.util.LinkedHashSet<String> languages = new java.util.LinkedHashSet<>();
    for (TextImageRecord r : records) {
      languages.addAll(r.captionLanguages());
    }
    languages.remove(TextImageRecord.ENGLISH);
    return List.copyOf(languages);
  }

  /** Each row's caption, as the text encoder reads it. */
  public List<String> captions() {
    return List.copyOf(captions);
  }

  /** The caption under each row, marked with its split. */
  public List<String> labels() {
    return List.copyOf(labels);
  }

  /** The grid of G's samples: RGB images of any side. */
  public BufferedImage render(ImageGenerator generator) {
    float[] images = generator.generate(z, text, rows * columns);
    ImageGeometry geometry = generator.imageGeometry();
    List<ImageGrid.Row> gridRows = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      List<BufferedImage> cells = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        cells.add(geometry.picture(images, row * columns + c));
      }
      gridRows.add(new ImageGrid.Row(cells, labels.get(row)));
    }
    return ImageGrid.draw(gridRows, 1);
  }
}
