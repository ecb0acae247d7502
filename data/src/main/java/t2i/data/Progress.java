package t2i.data;

/** Progress of long work, reported to whoever shows it (a progress bar, a log, nothing). */
public interface Progress {
  Progress NONE =
      new Progress() {
        @Override
        public void start(String task, long total) {}

        @Override
        public void advance(long steps) {}

        @Override
        public void finish() {}
      };

  /** A new task of {@code total} steps (0 if unknown). */
  void start(String task, long total);

  void advance(long steps);

  /** The current task is done. */
  void finish();
}
