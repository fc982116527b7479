package io.nodeward.cli.output;

import java.io.PrintWriter;
import java.util.Locale;

/** One self-rewriting stderr line with records, bytes and rate; silent when stderr is not a terminal. */
public final class ProgressBar {

  private static final long EVERY_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;
  private final long started = System.nanoTime();
  private long lastDrawn;

  public ProgressBar(PrintWriter err, boolean enabled, String label) {
    this.err = err;
    this.enabled = enabled;
    this.label = label;
  }

  public void update(long records, long bytes) {
    long now = System.nanoTime();
    if (enabled && now - lastDrawn >= EVERY_NANOS) {
      lastDrawn = now;
      draw(records, bytes, now);
    }
  }

  public void finish(long records, long bytes) {
    if (enabled) {
      draw(records, bytes, System.nanoTime());
      err.println();
      err.flush();
    }
  }

  private void draw(long records, long bytes, long now) {
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    err.print(String.format(Locale.ROOT, "\r%s %,d records  %s  (%s/s)  ", label, records, size(bytes), size((long) (bytes / seconds))));
    err.flush();
  }

  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
