package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** Option values are range-checked while parsing, before a command touches anything. */
class OptionValuesTest {
  @TempDir Path dir;

  @Test
  void convertersAcceptTheirRangeAndNameTheBadValue() {
    assertEquals(0.5, new OptionValues.PositiveDouble().convert("0.5"));
    assertEquals(1, new OptionValues.PositiveInt().convert("1"));
    assertEquals(0, new OptionValues.NonNegativeInt().convert("0"));
    assertEquals(0L, new OptionValues.NonNegativeLong().convert("0"));
    assertEquals(65535, new OptionValues.Port().convert("65535"));
    assertEquals(0.1, new OptionValues.OpenFraction().convert("0.1"));
    assertRejected(
        new OptionValues.PositiveDouble()::convert, "-3", "must be a number > 0, was -3");
    assertRejected(new OptionValues.PositiveDouble()::convert, "0", "> 0");
    assertRejected(new OptionValues.PositiveDouble()::convert, "NaN", "> 0");
    assertRejected(new OptionValues.PositiveDouble()::convert, "Infinity", "> 0");
    assertRejected(new OptionValues.PositiveDouble()::convert, "ten", "'ten' is not a number");
    assertRejected(new OptionValues.PositiveInt()::convert, "0", "must be >= 1, was 0");
    assertRejected(new OptionValues.PositiveInt()::convert, "1.5", "not a whole number");
    assertRejected(new OptionValues.PositiveInt()::convert, "3000000000", "must be >= 1");
    assertRejected(new OptionValues.NonNegativeLong()::convert, "-1", "must be >= 0, was -1");
    assertRejected(new OptionValues.Port()::convert, "70000", "between 0 and 65535");
    assertRejected(new OptionValues.OpenFraction()::convert, "1", "between 0 and 1");
    assertRejected(new OptionValues.MatrixSide()::convert, "32", "must be >= 64");
  }

  @Test
  void aBadValueIsReportedBeforeAnythingRuns() {
    // The dataset does not exist either: the option is what the user hears about, in one line.
    Path missing = dir.resolve("no-dataset");
    Path out = dir.resolve("demo");
    CliRun r =
        CliRun.of("demo", "--minutes", "-3", "--data", missing.toString(), "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err()
            .startsWith("t2i: error: Invalid value for option '--minutes': must be a number > 0"),
        r.err());
    assertTrue(r.err().contains("Run `t2i demo --help`"), r.err());
    assertEquals(2, r.err().strip().lines().count(), r.err());
    assertTrue(!Files.exists(out) && !Files.exists(missing));
  }

  @Test
  void everyCommandLineMistakeIsOneLineWithAPointerToHelp() {
    CliRun r = CliRun.of("serve", "--models", dir.toString(), "--port", "99999");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("'--port': must be between 0 and 65535, was 99999"), r.err());
    assertTrue(r.err().contains("Run `t2i serve --help` for its options."), r.err());
    assertTrue(!r.err().contains("Usage:"), r.err());
  }

  @Test
  void namesAreCheckedAgainstTheLibraryBeforeAnyDataIsRead() {
    Path missing = dir.resolve("no-dataset");
    String out = dir.resolve("run").toString();
    String[][] cases = {
      {"train", "gan", "--preset", "huge", "--data", missing.toString(), "--out", out},
      {"train", "gan", "--loss", "wgan", "--data", missing.toString(), "--out", out},
      {"train", "embedding", "--text-preset", "bert", "--data", missing.toString(), "--out", out},
      {"train", "embedding", "--optimizer", "sgd", "--data", missing.toString(), "--out", out},
      {"train", "style", "--preset", "wide", "--gan", missing.toString(), "--out", out},
    };
    String[] messages = {
      "'--preset': unknown GAN preset 'huge'",
      "'--loss': loss must be gan, cls, int, int-cls; was wgan",
      "'--text-preset': ",
      "'--optimizer': ",
      "'--preset': ",
    };
    for (int i = 0; i < cases.length; i++) {
      CliRun r = CliRun.of(cases[i]);
      assertEquals(2, r.exit(), String.join(" ", cases[i]) + ": " + r.err());
      assertTrue(r.err().contains(messages[i]), r.err());
      assertTrue(!r.err().contains("no-dataset"), "the dataset was not looked at: " + r.err());
    }
    assertTrue(!Files.exists(Path.of(out)), "no run folder was made");
  }

  private interface Converter {
    Object convert(String value) throws Exception;
  }

  private static void assertRejected(Converter c, String value, String message) {
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> c.convert(value));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
