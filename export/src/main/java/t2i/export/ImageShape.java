package t2i.export;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import t2i.graph.GanConfig;

/** The size of one image of an NHWC batch: height, width and channels. */
record ImageShape(long height, long width, long channels) {
  ImageShape {
    checkArgument(
        height > 0 && width > 0 && channels > 0,
        "image height, width and channels must be > 0, were %s, %s and %s",
        height,
        width,
        channels);
  }

  /** The static shape of a batch of images {@code [N, H, W, C]} built in a graph. */
  static ImageShape of(Operand<TFloat32> images) {
    Shape s = images.shape();
    checkArgument(
        s.numDimensions() == 4 && s.get(1) > 0 && s.get(2) > 0 && s.get(3) > 0,
        "%s is not a batch of images [N, H, W, C] of known size: %s",
        images.op().name(),
        s);
    return new ImageShape(s.get(1), s.get(2), s.get(3));
  }

  /** The images G of {@code gan} makes, as its config states them. */
  static ImageShape generatedBy(GanConfig gan) {
    return new ImageShape(gan.imageSize(), gan.imageSize(), gan.imageChannels());
  }

  /** {@code [-1, H, W, C]}: a batch of any size. */
  Shape batch() {
    return Shape.of(-1, height, width, channels);
  }
}
