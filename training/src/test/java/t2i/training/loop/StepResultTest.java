package t2i.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepResultTest {
  record Scalars(double lossD, double lossG, double dReal, float lr) {}

  record NotNumbers(String lossD) {}

  @Test
  void aRecordsComponentsBecomeSnakeCaseScalarsInOrder() {
    StepResult r = StepResult.of(7, new Scalars(1.5, 2.5, 0.25, 2e-4f));
    assertEquals(7, r.step());
    assertEquals(List.of("loss_d", "loss_g", "d_real", "lr"), List.copyOf(r.scalars().keySet()));
    assertEquals(List.copyOf(r.scalars().keySet()), StepResult.names(Scalars.class));
    assertEquals(1.5, r.get("loss_d"));
    assertEquals((double) 2e-4f, r.get("lr"), "a float widens exactly");
  }

  @Test
  void componentsThatAreNotNumbersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> StepResult.of(1, new NotNumbers("x")));
    assertThrows(
        IllegalArgumentException.class, () -> StepResult.of(1, new Scalars(0, 0, 0, 0)).get("x"));
  }
}
