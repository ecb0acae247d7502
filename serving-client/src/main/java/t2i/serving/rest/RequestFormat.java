package t2i.serving.rest;

/**
 * The two request bodies of TF Serving's predict API. The response mirrors the request: {@code
 * predictions} for rows, {@code outputs} for columns.
 */
public enum RequestFormat {
  /** {@code {"instances": [{"text": "a", "seed": 1}, ...]}}: one object per batch element. */
  ROW,
  /** {@code {"inputs": {"text": ["a", ...], "seed": [1, ...]}}}: one whole tensor per input. */
  COLUMNAR
}
