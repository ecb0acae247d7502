/**
 * The {@code t2i export}, {@code t2i inspect}, {@code t2i serve}, {@code t2i generate} and {@code
 * t2i bench serve} commands, plugged into the CLI as {@link t2i.cli.CliExtension}s.
 */
package t2i.export.cli;
