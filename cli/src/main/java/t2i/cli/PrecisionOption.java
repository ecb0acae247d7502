package t2i.cli;

import picocli.CommandLine.Option;
import t2i.training.Precision;

/** {@code --precision}, for the training commands: part of a run's configuration. */
final class PrecisionOption {
  @Option(
      names = "--precision",
      description =
          "float32 (default) or bfloat16: the arithmetic of the convolutions and matrix products"
              + " (TF's oneDNN mixed precision; variables stay float32). bfloat16 needs a CPU with"
              + " avx512_bf16 or amx_bf16; `t2i bench train` says which is faster here. May change"
              + " on --resume.",
      converter = OptionValues.PrecisionName.class)
  String name;

  /** The precision given, or null when the option was left out. */
  Precision given() {
    return name == null ? null : Precision.of(name);
  }
}
