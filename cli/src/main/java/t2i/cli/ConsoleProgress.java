package t2i.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import t2i.data.Progress;

/**
 * Progress on the terminal: a live bar with rate and ETA when stderr is a terminal, otherwise
 * (logs, CI, tests) one line per finished task with its count and time.
 */
final class ConsoleProgress implements Progress {
  private final PrintWriter log;
  private final boolean interactive;
  private ProgressBar bar;
  private String task;
  private long count;
  private long startNanos;

  ConsoleProgress(PrintWriter log) {
    this(log, System.console() != null);
  }

  ConsoleProgress(PrintWriter log, boolean interactive) {
    this.log = log;
    this.interactive = interactive;
  }

  @Override
  public void start(String task, long total) {
    finish();
    this.task = task;
    this.count = 0;
    this.startNanos = System.nanoTime();
    if (interactive) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(total > 0 ? total : -1)
              .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .setUpdateIntervalMillis(250)
              .showSpeed()
              .build();
    }
  }

  @Override
  public void advance(long steps) {
    count += steps;
    if (bar != null) {
      bar.stepBy(steps);
    }
  }

  @Override
  public void finish() {
    if (task == null) {
      return;
    }
    if (bar != null) {
      bar.close();
      bar = null;
    } else {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      log.println(
          count > 0
              ? String.format(Locale.ROOT, "  %s: %,d in %.1f s", task, count, seconds)
              : String.format(Locale.ROOT, "  %s: done in %.1f s", task, seconds));
      log.flush();
    }
    task = null;
  }
}
