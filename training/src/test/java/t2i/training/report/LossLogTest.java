package t2i.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.error.UserException;

class LossLogTest {
  @TempDir Path dir;

  LossLog read(String text) throws IOException {
    Path csv = dir.resolve("losses.csv");
    Files.writeString(csv, text);
    return LossLog.read(csv);
  }

  @Test
  void keepsWholeRowsAndCountsNonFiniteValues() throws IOException {
    LossLog log =
        read("step,seconds,loss,lr\n1,0.5,80,0.1\n10,2.0,NaN,0.1\n20,4.0,,0.1\n30,6.0,2.5\n");
    assertEquals(3, log.rows(), "the row cut short is left out");
    assertEquals(20, log.lastStep());
    assertEquals(4.0, log.lastSeconds());
    LossLog.Series loss = log.series().get(0);
    assertEquals("loss", loss.name());
    assertEquals(List.of(1.0), loss.steps());
    assertEquals(List.of(80.0), loss.values());
    assertEquals(1, loss.nonFinite());
    assertEquals(List.of(1.0, 10.0, 20.0), log.series().get(1).steps());
  }

  @Test
  void anotherFileIsRefusedInOneLine() {
    UserException e = assertThrows(UserException.class, () -> read("a,b\n1,2\n"));
    assertTrue(e.getMessage().contains("is not a t2i losses.csv"), e.getMessage());
  }

  @Test
  void chartsGroupScalarsAndUseALogAxisOnlyForWideRanges() throws IOException {
    LossLog log =
        read(
            "step,seconds,loss_d,loss_g,d_real,d_fake,lr\n"
                + "1,1,80,5,0.5,0.5,0.1\n2,2,0,4,0.9,0.01,0.1\n3,3,0.1,4,0.9,0.001,0.1\n");
    List<LossCharts.Chart> charts = LossCharts.draw(log);
    assertEquals(
        List.of("Losses", "Discriminator outputs", "Learning rate"),
        charts.stream().map(LossCharts.Chart::title).toList());
    assertEquals(List.of("loss_d", "loss_g"), charts.get(0).scalars());
    assertEquals(
        List.of("loss_d: 1 zero value(s) not drawn on the logarithmic axis"),
        charts.get(0).notes());
    assertTrue(charts.get(1).notes().isEmpty(), "D outputs keep a linear 0..1 axis");
    assertTrue(LossCharts.logarithmic(log.series().subList(0, 1)));
    assertFalse(LossCharts.logarithmic(log.series().subList(1, 2)), "5 to 4");
  }
}
