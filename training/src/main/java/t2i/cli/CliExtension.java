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
}
