package t2i.training.loop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one training step reports.
 *
 * @param step the number of steps done after this one (1 after the first)
 * @param scalars named values (loss, learning rate, ...), in display order
 */
public record StepResult(long step, Map<String, Double> scalars) {
  public StepResult {
    scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
  }

  /**
   * A step's record of numbers as scalars, in the record's order, each named after its component in
   * snake case ({@code lossD} → {@code loss_d}, {@code lr} → {@code lr}).
   */
  public static StepResult of(long step, Record values) {
    Map<String, Double> scalars = new LinkedHashMap<>();
    for (RecordComponent c : values.getClass().getRecordComponents()) {
      try {
        c.getAccessor().setAccessible(true);
        Object value = c.getAccessor().invoke(values);
        scalars.put(scalarName(c.getName()), ((Number) value).doubleValue());
      } catch (IllegalAccessException | InvocationTargetException | ClassCastException e) {
        throw new IllegalArgumentException(
            values.getClass().getSimpleName() + "." + c.getName() + " is not a readable number", e);
      }
    }
    return new StepResult(step, scalars);
  }

  /** The scalar names {@link #of} gives a record of this type, in order. */
  public static List<String> names(Class<? extends Record> type) {
    List<String> names = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      names.add(scalarName(c.getName()));
    }
    return List.copyOf(names);
  }

  static String scalarName(String component) {
    StringBuilder out = new StringBuilder();
    for (char ch : component.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        out.append('_').append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  public double get(String name) {
    Double v = scalars.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no scalar '" + name + "' in " + scalars.keySet());
    }
    return v;
  }
}
