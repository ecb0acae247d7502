package t2i.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.data.IteratorGetNext;
import org.tensorflow.op.image.DecodePng;
import org.tensorflow.op.io.ParseSingleExample;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.Batch;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchPipeline;
import t2i.data.batch.DecodedSplit;
import t2i.data.emoji.EmojiFixture;
import t2i.data.image.Images;
import t2i.training.BatchTensors;

/**
 * The emoji dataset read by TensorFlow's own readers: the C++ TFRecord reader, {@code
 * ParseSingleExample} and {@code DecodePng}, the ops behind Python's {@code tf.data} and {@code
 * tf.io.parse_single_example}. Then batches fed into a graph.
 */
class EmojiDatasetInTensorFlowTest {
  @TempDir static Path dir;
  static Dataset dataset;

  @BeforeAll
  static void build() throws IOException {
    dataset = Dataset.open(EmojiFixture.buildDataset(dir));
  }

  @Test
  void tensorflowParsesEveryRecordAsJavaWroteIt() {
    Map<String, TextImageRecord> expected = new HashMap<>();
    List<String> files = new ArrayList<>();
    for (Split split : Split.values()) {
      dataset.read(split).forEach(r -> expected.put(r.key() + "/" + r.style(), r));
    }
    for (DatasetManifest.ShardEntry s : dataset.manifest().shards()) {
      files.add(dataset.dir().resolve(s.file()).toString());
    }

    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      // TF 2.18's TFRecordDatasetV2 (tf.data.tfRecordDataset) writes 3 of its 4 inputs when
      // MakeIterator serializes it and fails; V1 runs the same C++ TFRecord reader.
      Operand<? extends TType> records =
          g.opBuilder("TFRecordDataset", "records", tf.scope())
              .addInput(
                  tf.constant(NdArrays.vectorOfObjects(files.toArray(new String[0]))).asOutput())
              .addInput(tf.constant("").asOutput())
              .addInput(tf.constant(0L).asOutput())
              .build()
              .output(0);
      List<Class<? extends TType>> types = List.of(TString.class);
      List<Shape> shapes = List.of(Shape.scalar());
      var iterator = tf.data.iterator("records", "", types, shapes);
      var init = tf.data.makeIterator(records, iterator);
      IteratorGetNext next = tf.data.iteratorGetNext(iterator, types, shapes);
      @SuppressWarnings("unchecked")
      Operand<TString> serialized = (Operand<TString>) next.components().get(0);
      ParseSingleExample parsed =
          tf.io.parseSingleExample(
              serialized,
              List.of(tf.constant(""), tf.constant(""), tf.constant(""), tf.constant(0L)),
              1L,
              List.of("text/captions"),
              List.of("key", "style", "image/png", "class/id"),
              List.of(TString.class),
              List.of(Shape.scalar(), Shape.scalar(), Shape.scalar(), Shape.scalar()));
      @SuppressWarnings("unchecked")
      Operand<TString> png = (Operand<TString>) parsed.denseValues().get(2);
      DecodePng<TUint8> pixels = tf.image.decodePng(png, TUint8.class, DecodePng.channels(3L));
      session.runner().addTarget(init).run();

      int seen = 0;
      while (true) {
        try (Result r =
            session
                .runner()
                .fetch(parsed.denseValues().get(0))
                .fetch(parsed.denseValues().get(1))
                .fetch(parsed.denseValues().get(3))
                .fetch(parsed.sparseValues().get(0))
                .fetch(pixels)
                .run()) {
          String key = ((TString) r.get(0)).getObject();
          String style = ((TString) r.get(1)).getObject();
          TextImageRecord want = expected.get(key + "/" + style);
          assertEquals(want.classId(), ((TInt64) r.get(2)).getLong());
          TString captions = (TString) r.get(3);
          List<String> got = new ArrayList<>();
          for (long i = 0; i < captions.shape().size(0); i++) {
            got.add(captions.getObject(i));
          }
          assertEquals(want.captions(), got, key);
          TUint8 image = (TUint8) r.get(4);
          assertEquals(Shape.of(64, 64, 3), image.shape());
          byte[] tfPixels = new byte[64 * 64 * 3];
          image.asRawTensor().data().read(tfPixels);
          assertArrayEquals(Images.rgbBytes(Images.decodeOnWhite(want.png(), key)), tfPixels, key);
          seen++;
        } catch (TFOutOfRangeException end) {
          break;
        }
      }
      assertEquals(expected.size(), seen);
      assertEquals(32, seen);
    }
  }

  @Test
  void batchesArriveInAGraphAsTheyLeftThePipeline() {
    DecodedSplit data = DecodedSplit.load(dataset, Split.TRAINVAL, Progress.NONE);
    BatchOptions options = BatchOptions.defaults().withBatchSize(8).withSeed(3);
    try (BatchPipeline pipeline = new BatchPipeline(data, options);
        Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      var images = tf.placeholder(TFloat32.class);
      // Gather a few elements by their NHWC index inside the graph.
      long[][] picks = {{0, 0, 0, 0}, {1, 17, 40, 2}, {7, 63, 63, 1}, {3, 31, 5, 0}};
      var gathered = tf.gatherNd(images, tf.constant(picks));
      for (int i = 0; i < 3; i++) {
        Batch b = pipeline.next();
        try (TFloat32 t = BatchTensors.images(b);
            Result r = session.runner().feed(images, t).fetch(gathered).run()) {
          TFloat32 got = (TFloat32) r.get(0);
          for (int k = 0; k < picks.length; k++) {
            long[] p = picks[k];
            int flat = (int) (((p[0] * 64 + p[1]) * 64 + p[2]) * 3 + p[3]);
            assertEquals(b.images()[flat], got.getFloat(k), "batch " + i + " element " + k);
          }
        }
      }
    }
  }
}
