package t2i.serving.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * A markdown table with its columns padded to a common width, so that it reads as a table in a
 * terminal and pastes as one into a markdown file. Label columns come first, left-aligned; the
 * numeric columns after them are right-aligned.
 */
final class MarkdownTable {
  private final List<String> header;
  private final boolean[] right;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * @param header the column names
   * @param numericFrom the first right-aligned (numeric) column; those before it are left-aligned
   */
  MarkdownTable(List<String> header, int numericFrom) {
    this.header = List.copyOf(header);
    this.right = new boolean[header.size()];
    for (int i = numericFrom; i < right.length; i++) {
      right[i] = true;
    }
  }

  MarkdownTable row(String... cells) {
    checkArgument(
        cells.length == header.size(), "%s cells for %s columns", cells.length, header.size());
    rows.add(List.of(cells));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table's lines, each ending in a line separator. */
  String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = Math.max(3, header.get(i).length());
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder s = new StringBuilder();
    line(s, header, width);
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < width.length; i++) {
      rule.add(right[i] ? "-".repeat(width[i] - 1) + ":" : "-".repeat(width[i]));
    }
    line(s, rule, width);
    for (List<String> r : rows) {
      line(s, r, width);
    }
    return s.toString();
  }

  private void line(StringBuilder s, List<String> cells, int[] width) {
    s.append('|');
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      s.append(' ').append(right[i] ? pad + c : c + pad).append(" |");
    }
    s.append(System.lineSeparator());
  }
}
