package t2i.cli;

import java.util.List;
import picocli.CommandLine.Option;
import t2i.data.Split;
import t2i.error.UserException;

/** {@code --split trainval|test}. */
final class SplitOption {
  @Option(
      names = "--split",
      description = "trainval, validation or test (default: ${DEFAULT-VALUE}).",
      defaultValue = "trainval")
  Split split;

  /** {@code test}, {@code trainval}, or {@code all} (test, then trainval). */
  static List<Split> parseWithAll(String value) {
    if (value.equals("all")) {
      return List.of(Split.TEST, Split.TRAINVAL);
    }
    try {
      return List.of(Split.parse(value));
    } catch (IllegalArgumentException e) {
      throw new UserException("unknown split '" + value + "' (expected test, trainval or all)");
    }
  }
}
