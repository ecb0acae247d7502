package t2i.training.gan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import t2i.data.Dataset;
import t2i.data.image.Images;
import t2i.training.log.EventFileWriter;
import t2i.training.loop.StepResult;
import t2i.training.loop.TrainingListener;

/**
 * Every {@code every} steps and at the end: a trainer's sample grid as {@code
 * samples/step-NNNNNNN.png}, {@code samples/latest.png} and a TensorBoard image.
 */
public final class SampleListener implements TrainingListener {
  /** Draws the grid from the trainer's current weights. */
  @FunctionalInterface
  public interface Grid {
    BufferedImage render() throws IOException;
  }

  private final Grid grid;
  private final Path dir;
  private final int every;
  private final EventFileWriter events;
  private long lastWritten = -1;

  /** Sample grids every {@code every} steps: 4 trainval and 4 test-class captions, 8 noises. */
  public static SampleListener every(int every, GanTrainer trainer, Path runDir)
      throws IOException {
    GanTrainingConfig config = trainer.config();
    SampleGrid grid =
        new SampleGrid(
            Dataset.open(Path.of(config.dataset())),
            trainer.embeddings(),
            config.gan().zDim(),
            4,
            8,
            config.seed());
    trainer.imageGeometry().checkRgb(); // fails at once, not at the first grid
    return new SampleListener(() -> grid.render(trainer), runDir, every);
  }

  public SampleListener(Grid grid, Path runDir, int every) throws IOException {
    this.grid = grid;
    this.dir = runDir.resolve("samples");
    this.every = every;
    Files.createDirectories(dir);
    this.events = new EventFileWriter(runDir.resolve("events"), 0);
  }

  @Override
  public void stepDone(StepResult r, double elapsedSeconds) throws IOException {
    if (r.step() % every == 0) {
      write(r.step());
    }
  }

  @Override
  public void finished(long step, double elapsedSeconds) throws IOException {
    if (step != lastWritten) {
      write(step);
    }
  }

  private void write(long step) throws IOException {
    BufferedImage image = grid.render();
    byte[] png = Images.encodePng(image);
    Path file = dir.resolve(String.format("step-%07d.png", step));
    Files.write(file, png);
    Files.copy(file, dir.resolve("latest.png"), StandardCopyOption.REPLACE_EXISTING);
    events.image(step, "samples", png, image.getWidth(), image.getHeight());
    lastWritten = step;
  }

  @Override
  public void close() throws IOException {
    events.close();
  }
}
