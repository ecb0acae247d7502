/** The {@code t2i export} command, plugged into the CLI as a {@link t2i.cli.CliExtension}. */
package t2i.export.cli;
