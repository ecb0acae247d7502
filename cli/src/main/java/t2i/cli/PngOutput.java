package t2i.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import t2i.data.image.Images;
import t2i.data.io.AtomicFiles;

/** {@code --out FILE.png}, for the commands that draw one grid: written whole or not at all. */
final class PngOutput {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.png",
      description = "The PNG to write.")
  Path file;

  void write(BufferedImage image) throws IOException {
    write(file, image);
  }

  static void write(Path file, BufferedImage image) throws IOException {
    AtomicFiles.write(file, Images.encodePng(image));
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
