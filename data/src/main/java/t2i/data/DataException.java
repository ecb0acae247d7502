package t2i.data;

/**
 * A problem with data the user can act on: a missing dataset, a corrupt file, a failed download.
 * The message is one line that names the file or the command to run; the command line prints it
 * without a stack trace.
 */
public class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
