package t2i.serving.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {
  @Test
  void padsColumnsAndAlignsNumbersRight() {
    String table =
        new MarkdownTable(List.of("backend", "batch", "p50 ms"), 1)
            .row("in-process", "1", "7.80")
            .row("rest", "16", "141.25")
            .render();
    String n = System.lineSeparator();
    assertEquals(
        "| backend    | batch | p50 ms |"
            + n
            + "| ---------- | ----: | -----: |"
            + n
            + "| in-process |     1 |   7.80 |"
            + n
            + "| rest       |    16 | 141.25 |"
            + n,
        table);
  }

  @Test
  void aRowHasACellPerColumn() {
    MarkdownTable t = new MarkdownTable(List.of("a", "b"), 1);
    assertThrows(IllegalArgumentException.class, () -> t.row("x"));
  }
}
