package t2i.error;

/**
 * A problem the user can act on: a missing dataset or run, a corrupt file, an option that
 * contradicts a saved run, a failed download, a model that does not follow its contract. The
 * message is one line that names the file, the option or the command to run; the command line
 * prints it without a stack trace. (It lives in the lowest module so that every module can throw
 * it.)
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
