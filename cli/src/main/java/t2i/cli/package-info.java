/**
 * The {@code t2i} command line: one picocli command class per verb, thin over library calls. Known
 * errors ({@link t2i.error.UserException}, invalid arguments) are printed as one line.
 */
package t2i.cli;
