package t2i.serving.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonFloats#parse} must give exactly {@link Float#parseFloat}'s float. The exhaustive check
 * over all 2^32 bit patterns is too slow for a unit test; it was run once (see the commit message);
 * here a stride through every exponent, random decimals, and the double-rounding traps.
 */
class JsonFloatsTest {
  static void assertSameFloat(String s) {
    float expected = Float.parseFloat(s);
    float got = JsonFloats.parse(s);
    assertEquals(
        Float.floatToRawIntBits(expected),
        Float.floatToRawIntBits(got),
        () -> s + ": expected " + expected + " but got " + got);
  }

  @Test
  void floatToStringReadsBackBitForBitAcrossAllBitPatterns() {
    // Every 65,521st pattern (a prime stride, so every exponent and many mantissas are hit).
    int n = 0;
    for (long bits = 0; bits <= 0xFFFFFFFFL; bits += 65_521) {
      float f = Float.intBitsToFloat((int) bits);
      if (Float.isNaN(f)) {
        continue;
      }
      assertEquals(
          (int) bits,
          Float.floatToRawIntBits(JsonFloats.parse(Float.toString(f))),
          () -> Float.toString(f));
      n++;
    }
    assertTrue(n > 60_000, "checked " + n);
  }

  @Test
  void imageLikeValuesReadBackBitForBit() {
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      float f = (float) ((Math.tanh(random.nextGaussian()) + 1) / 2);
      assertEquals(f, JsonFloats.parse(Float.toString(f)));
    }
  }

  @Test
  void specialValuesAndEdges() {
    for (String s :
        new String[] {
          "0",
          "-0",
          "0.0",
          "-0.0",
          "0e5",
          "1",
          "-1",
          "1.0",
          "0.1",
          "1e10",
          "1E-10",
          "1e+3",
          "3.4028235E38",
          "3.4028236E38",
          "3.5e38",
          "1.4E-45",
          "7.0E-46",
          "1.0E-46",
          "1.17549435E-38",
          "1.1754942E-38",
          "16777216",
          "16777217",
          "16777219",
          "0.000001",
          "123456789012345",
          "1234567890123456",
          "1234567890123456789012",
          "9e22",
          "1e23",
          "1e-22",
          "1e-23",
          ".5",
          "5.",
          "NaN",
          "Infinity",
          "-Infinity",
          "00012.50",
          "0.000000000000000000001"
        }) {
      assertSameFloat(s);
    }
  }

  @Test
  void randomDecimalsOfEveryLength() {
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      int digits = 1 + random.nextInt(17);
      StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
      for (int d = 0; d < digits; d++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
      if (random.nextBoolean()) {
        s.insert(s.length() - random.nextInt(digits), '.');
      }
      if (random.nextBoolean()) {
        s.append('e').append(random.nextInt(90) - 45);
      }
      String text = s.toString().replace("-.", "-0.");
      if (text.startsWith(".")) {
        text = "0" + text;
      }
      assertSameFloat(text);
    }
  }

  /**
   * Decimals of at most 15 digits whose nearest double is exactly halfway between two floats: a
   * float cast of that double rounds to even, which is wrong when the decimal is not itself the
   * midpoint. The parser must notice these; the test fails if it does not.
   */
  @Test
  void decimalsNearAFloatMidpointAreNotRoundedTwice() {
    Random random = new Random(5);
    int traps = 0;
    for (int i = 0; i < 20_000; i++) {
      float f = Float.intBitsToFloat(0x3f800000 + random.nextInt(0x05000000)); // 1 .. ~1e7
      double midpoint = ((double) f + (double) Math.nextUp(f)) / 2; // exact in double
      String s = new BigDecimal(midpoint).round(new MathContext(15)).toString();
      if ((float) Double.parseDouble(s) != Float.parseFloat(s)) {
        traps++;
      }
      assertSameFloat(s);
    }
    assertTrue(traps > 100, "only " + traps + " double-rounding traps among the samples");
  }

  @Test
  void textThatIsNoNumberFailsAsParseFloatFails() {
    for (String s : new String[] {"", "-", "abc", "1e", "1e+", "1x", "--1", "1e99999"}) {
      boolean fails;
      try {
        Float.parseFloat(s);
        fails = false;
      } catch (NumberFormatException e) {
        fails = true;
      }
      if (fails) {
        assertThrows(NumberFormatException.class, () -> JsonFloats.parse(s), s);
      } else {
        assertSameFloat(s);
      }
    }
  }
}
