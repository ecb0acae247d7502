/**
 * The {@code t2i export} and {@code t2i inspect} commands, plugged into the CLI as {@link
 * t2i.cli.CliExtension}s.
 */
package t2i.export.cli;
