package t2i.cli;

/**
 * A command contributed by a module that depends on this one ({@code export}, {@code
 * serving-client}), found with {@link java.util.ServiceLoader} through {@code
 * META-INF/services/t2i.cli.CliExtension}. The CLI lives here, where the trainers are; modules
 * further down the data flow plug their verbs in without this module depending on them.
 */
public interface CliExtension {
  /** A picocli {@code @Command} instance. */
  Object command();

  /**
   * The top-level command this one goes under (e.g. {@code "bench"} for {@code t2i bench serve}),
   * or null for a top-level command of its own.
   */
  default String parent() {
    return null;
  }
}
