package t2i.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import t2i.data.ClassLevel;
import t2i.graph.GanConfig;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.StyleEncoderConfig;
import t2i.graph.TextEncoderConfig;
import t2i.serving.bench.Text2ImageSignature;
import t2i.training.Precision;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.optim.OptimizerType;

/**
 * Converters that check a number's range while the command line is parsed, so that a bad value is
 * reported before a command reads a dataset or builds a graph: {@code @Option(converter =
 * OptionValues.PositiveDouble.class)}. picocli reports the message as "Invalid value for option
 * '--minutes': must be a number > 0, was -3".
 */
final class OptionValues {
  private OptionValues() {}

  /** A number {@code > 0}. */
  static final class PositiveDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double d = parseDouble(value);
      if (!(d > 0) || Double.isInfinite(d)) {
        throw new TypeConversionException("must be a number > 0, was " + value);
      }
      return d;
    }
  }

  /** A number {@code >= 0}. */
  static final class NonNegativeDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double d = parseDouble(value);
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new TypeConversionException("must be a number >= 0, was " + value);
      }
      return d;
    }
  }

  /** A number {@code > 0}, as a float. */
  static final class PositiveFloat implements ITypeConverter<Float> {
    @Override
    public Float convert(String value) {
      return new PositiveDouble().convert(value).floatValue();
    }
  }

  /** A whole number {@code >= 1}. */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) inRange(value, 1, Integer.MAX_VALUE);
    }
  }

  /** A whole number {@code >= 0}. */
  static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) inRange(value, 0, Integer.MAX_VALUE);
    }
  }

  /** A whole number {@code >= 1}. */
  static final class PositiveLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return inRange(value, 1, Long.MAX_VALUE);
    }
  }

  /** A whole number {@code >= 0}. */
  static final class NonNegativeLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return inRange(value, 0, Long.MAX_VALUE);
    }
  }

  /** The side of a benchmark's square matrices: 64 or more. */
  static final class MatrixSide implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) inRange(value, 64, Integer.MAX_VALUE);
    }
  }

  /** A TCP port, 0 (any free port) to 65535. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) inRange(value, 0, 65535);
    }
  }

  /** A fraction strictly between 0 and 1. */
  static final class OpenFraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double d = parseDouble(value);
      if (!(d > 0 && d < 1)) {
        throw new TypeConversionException("must be between 0 and 1 (exclusive), was " + value);
      }
      return d;
    }
  }

  /** A name the library knows: its own message lists the choices. */
  private abstract static class KnownName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        check(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      return value;
    }

    abstract void check(String name);
  }

  /** A text2image signature {@code t2i bench serve} times (full, png). */
  static final class BenchSignature implements ITypeConverter<Text2ImageSignature> {
    @Override
    public Text2ImageSignature convert(String value) {
      try {
        return Text2ImageSignature.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A GAN preset (cpu, reed, tiny). */
  static final class GanPreset extends KnownName {
    @Override
    void check(String name) {
      GanConfig.preset(name);
    }
  }

  /** A text encoder preset (reed, gru, tiny). */
  static final class TextPreset extends KnownName {
    @Override
    void check(String name) {
      TextEncoderConfig.preset(name);
    }
  }

  /** An image encoder preset (cpu, wide, tiny). */
  static final class ImagePreset extends KnownName {
    @Override
    void check(String name) {
      ImageEncoderConfig.preset(name);
    }
  }

  /** A style encoder preset (cpu, tiny). */
  static final class StylePreset extends KnownName {
    @Override
    void check(String name) {
      StyleEncoderConfig.preset(name, 1);
    }
  }

  /** A GAN loss (gan, cls, int, int-cls). */
  static final class GanLoss extends KnownName {
    @Override
    void check(String name) {
      GanTrainingConfig.Loss.of(name);
    }
  }

  /** A text alphabet (reed70, utf8). */
  static final class TextAlphabetName extends KnownName {
    @Override
    void check(String name) {
      t2i.data.text.TextAlphabet.of(name);
    }
  }

  /** A GAN training recipe (reed2016, ema-hinge, modern). */
  static final class GanRecipeName extends KnownName {
    @Override
    void check(String name) {
      t2i.training.gan.GanRecipe.named(name);
    }
  }

  /** An arithmetic precision (float32, bfloat16) this machine runs. */
  static final class PrecisionName extends KnownName {
    @Override
    void check(String name) {
      Precision.of(name).checkSupported();
    }
  }

  /** A class level (concept, subcategory). */
  static final class ClassLevelName extends KnownName {
    @Override
    void check(String name) {
      ClassLevel.of(name);
    }
  }

  /** An optimizer (adam, rmsprop). */
  static final class Optimizer extends KnownName {
    @Override
    void check(String name) {
      OptimizerType.of(name);
    }
  }

  static long inRange(String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new TypeConversionException(
          max == Long.MAX_VALUE || max == Integer.MAX_VALUE
              ? String.format(Locale.ROOT, "must be >= %d, was %s", min, value)
              : String.format(Locale.ROOT, "must be between %d and %d, was %s", min, max, value));
    }
    return n;
  }

  private static double parseDouble(String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a number");
    }
  }
}
