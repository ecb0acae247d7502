package t2i.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import t2i.graph.GanConfig;
import t2i.graph.Generator;
import t2i.graph.Mode;
import t2i.graph.Network;

class ImageShapeTest {
  @Test
  void theGeneratorsImagesAreTheConfigsAsTheGraphBuildsThem() {
    ImageShape tiny = ImageShape.generatedBy(GanConfig.tiny());
    assertEquals(new ImageShape(64, 64, 3), tiny);
    assertEquals(tiny, ImageShape.generatedBy(GanConfig.cpu()));
    assertArrayEquals(new long[] {-1, 64, 64, 3}, tiny.batch().asArray());
    for (GanConfig gan : List.of(GanConfig.tiny(), GanConfig.tiny().withImage(32, 1))) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> z =
            tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, gan.zDim())));
        Operand<TFloat32> text =
            tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, gan.embeddingDim())));
        Network net = new Network(tf, Generator.PREFIX, Mode.INFERENCE, 0);
        assertEquals(
            ImageShape.generatedBy(gan), ImageShape.of(Generator.build(net, gan, z, text)));
      }
    }
    assertEquals(
        new ImageShape(32, 32, 1), ImageShape.generatedBy(GanConfig.tiny().withImage(32, 1)));
  }

  @Test
  void onlyBatchesOfImagesOfKnownSizeHaveOne() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      assertEquals(
          new ImageShape(8, 16, 1),
          ImageShape.of(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 16, 1)))));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  ImageShape.of(
                      tf.withName("flat")
                          .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 64)))));
      assertTrue(e.getMessage().contains("flat is not a batch of images"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () ->
              ImageShape.of(
                  tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)))));
    }
    assertThrows(IllegalArgumentException.class, () -> new ImageShape(64, 64, 0));
  }
}
