package t2i.training.loop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step reports.
 *
 * @param step the number of steps done after this one (1 after the first)
 * @param scalars named values (loss, learning rate, ...), in display order
 */
public record StepResult(long step, Map<String, Double> scalars) {
  public StepResult {
    scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
  }

  public double get(String name) {
    Double v = scalars.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no scalar '" + name + "' in " + scalars.keySet());
    }
    return v;
  }
}
