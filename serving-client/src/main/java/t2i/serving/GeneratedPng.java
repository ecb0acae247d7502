package t2i.serving;

/**
 * One image the text-to-image model made, as the PNG file it encoded, with the text and seed it
 * came from. {@link #png} returns a copy.
 */
public record GeneratedPng(String text, long seed, byte[] png) {
  public GeneratedPng {
    png = png.clone();
  }

  @Override
  public byte[] png() {
    return png.clone();
  }
}
