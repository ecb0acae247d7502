package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** The normalisation a block applies after its convolutions. */
public enum Norm {
  /** Batch statistics in training, moving averages in inference ({@link Layers#batchNorm}). */
  BATCH,
  /** Per sample and channel over H × W, the same in both modes ({@link Layers#instanceNorm}). */
  INSTANCE,
  /** None: the input unchanged (a spectrally normalised discriminator's blocks). */
  NONE;

  public Operand<TFloat32> apply(Network net, String name, Operand<TFloat32> x, NormSpec spec) {
    return switch (this) {
      case BATCH -> Layers.batchNorm(net, name, x, spec);
      case INSTANCE -> Layers.instanceNorm(net, name, x, spec);
      case NONE -> x;
    };
  }
}
