package t2i.serving;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.OptionalLong;

/**
 * Which model to call: a name and either a specific version or the latest (highest) one, as in TF
 * Serving's {@code ModelSpec}.
 */
public record ModelSpec(String name, OptionalLong version) {
  public ModelSpec {
    checkArgument(
        name != null && !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf(':') < 0,
        "a model name must be non-empty without '/' or ':', was %s",
        name);
    checkArgument(
        version.isEmpty() || version.getAsLong() >= 0,
        "a model version must be >= 0, was %s",
        version);
  }

  public static ModelSpec latest(String name) {
    return new ModelSpec(name, OptionalLong.empty());
  }

  public static ModelSpec of(String name, long version) {
    return new ModelSpec(name, OptionalLong.of(version));
  }

  /** TF Serving's wording for the request: {@code Latest(name)} or {@code Specific(name, 3)}. */
  public String describe() {
    return version.isPresent()
        ? "Specific(" + name + ", " + version.getAsLong() + ")"
        : "Latest(" + name + ")";
  }
}
