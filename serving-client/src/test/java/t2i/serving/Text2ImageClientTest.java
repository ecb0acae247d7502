package t2i.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class Text2ImageClientTest {
  /**
   * A model that answers every image filled with seed/1000 and a png holding the text: enough to
   * see what was sent and whether answers come back in order.
   */
  static final class FakeModel implements PredictClient {
    final List<Integer> batches = new ArrayList<>();
    final List<Long> seeds = new ArrayList<>();
    final List<String> signatures = new ArrayList<>();
    boolean pngSignature;
    int height = 64;
    int width = 64;
    int channels = 3;

    @Override
    public synchronized Map<String, TensorValue> predict(
        ModelSpec model, String signatureName, Map<String, TensorValue> inputs) {
      signatures.add(signatureName);
      assertEquals("text2image", model.name());
      TensorValue text = inputs.get("text");
      long[] s = inputs.get("seed").longs();
      int n = s.length;
      batches.add(n);
      int per = height * width * channels;
      float[] pixels = new float[n * per];
      List<byte[]> png = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        seeds.add(s[i]);
        Arrays.fill(pixels, i * per, (i + 1) * per, s[i] / 1000f);
        png.add(text.bytes(i));
      }
      if (signatureName.equals(Text2ImageContract.PNG_SIGNATURE)) {
        return Map.of(Text2ImageContract.PNG, TensorValue.ofBytes(png, n));
      }
      assertEquals("serving_default", signatureName);
      return Map.of(
          "image",
          TensorValue.ofFloats(pixels, n, height, width, channels),
          Text2ImageContract.PNG,
          TensorValue.ofBytes(png, n));
    }

    @Override
    public ModelMetadata metadata(ModelSpec model) {
      SignatureInfo any = new SignatureInfo(SignatureInfo.PREDICT_METHOD, Map.of(), Map.of());
      return new ModelMetadata(
          model.name(),
          1,
          pngSignature
              ? Map.of("serving_default", any, Text2ImageContract.PNG_SIGNATURE, any)
              : Map.of("serving_default", any));
    }

    @Override
    public List<ModelVersionStatus> status(ModelSpec model) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  static List<String> texts(int n) {
    List<String> t = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      t.add("text " + i);
    }
    return t;
  }

  @Test
  void pngsComeFromThePngSignatureOrFromServingDefaultOnOlderModels() {
    for (boolean hasPng : new boolean[] {true, false}) {
      FakeModel model = new FakeModel();
      model.pngSignature = hasPng;
      Text2ImageClient client = Text2ImageClient.builder(model).maxBatchSize(2).build();
      List<GeneratedPng> pngs = client.generatePngs(texts(5), List.of(9L, 8L, 7L, 6L, 5L));
      assertEquals(List.of(2, 2, 1), model.batches);
      assertEquals(
          java.util.Collections.nCopies(3, hasPng ? "png" : "serving_default"), model.signatures);
      for (int i = 0; i < 5; i++) {
        assertEquals("text " + i, pngs.get(i).text());
        assertEquals(9L - i, pngs.get(i).seed());
        assertEquals("text " + i, new String(pngs.get(i).png(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void largeRequestsAreSplitIntoBatchesAndKeepTheirOrder() {
    FakeModel model = new FakeModel();
    Text2ImageClient client = Text2ImageClient.builder(model).maxBatchSize(4).build();
    List<Long> seeds = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      seeds.add(100 + i);
    }
    List<GeneratedImage> images = client.generate(texts(10), seeds);
    assertEquals(List.of(4, 4, 2), model.batches);
    for (int i = 0; i < 10; i++) {
      GeneratedImage g = images.get(i);
      assertEquals("text " + i, g.text());
      assertEquals(100 + i, g.seed());
      assertEquals((100 + i) / 1000f, g.pixel(63, 63, 2));
      assertEquals("text " + i, new String(g.png(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void withoutSeedsTheClientDrawsOnePerText() {
    FakeModel model = new FakeModel();
    AtomicLong next = new AtomicLong(40);
    List<GeneratedImage> images =
        Text2ImageClient.builder(model).seeds(next::getAndIncrement).build().generate(texts(3));
    assertEquals(List.of(40L, 41L, 42L), model.seeds);
    assertEquals(42L, images.get(2).seed());
  }

  @Test
  void defaultSeedsAreRandomAndNonNegative() {
    FakeModel model = new FakeModel();
    Text2ImageClient.builder(model).build().generate(texts(50));
    assertEquals(50, model.seeds.stream().distinct().count());
    assertTrue(model.seeds.stream().allMatch(s -> s >= 0));
  }

  @Test
  void mistakesAreCaught() {
    FakeModel model = new FakeModel();
    Text2ImageClient client = Text2ImageClient.builder(model).build();
    assertThrows(IllegalArgumentException.class, () -> client.generate(texts(2), List.of(1L)));
    assertThrows(
        IllegalArgumentException.class, () -> Text2ImageClient.builder(model).maxBatchSize(0));
    assertEquals(List.of(), client.generate(List.of()));
  }

  @Test
  void theImageSizeIsTheModelsAndItsChannelsTheContracts() {
    FakeModel model = new FakeModel();
    model.height = 32;
    model.width = 48;
    GeneratedImage g =
        Text2ImageClient.builder(model).build().generate(texts(1), List.of(500L)).get(0);
    assertEquals(32, g.height());
    assertEquals(48, g.width());
    assertEquals(0.5f, g.pixel(31, 47, 2));
    assertEquals(48, g.toBufferedImage().getWidth());

    model.channels = 1;
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Text2ImageClient.builder(model).build().generate(texts(1)));
    assertTrue(e.getMessage().endsWith("the contract is float [N, H, W, 3]"), e.getMessage());
  }

  @Test
  void imagesConvertToRgb() {
    float[] pixels = new float[2 * 2 * 3];
    pixels[0] = 1f; // (0,0) red
    pixels[3 * 3 + 2] = 0.5f; // (1,1) half blue
    GeneratedImage g = new GeneratedImage("t", 1, 2, 2, pixels, new byte[0]);
    assertEquals(0xFF0000, g.toBufferedImage().getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0x000080, g.toBufferedImage().getRGB(1, 1) & 0xFFFFFF);
    assertArrayEquals(pixels, g.pixels());
  }
}
