package io.nodeward.audit.api;

import io.nodeward.kit.http.ProblemException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many exports stream at once, in total and per caller. An export holds a worker thread and a read connection
 * for as long as its client reads, so both are capped: more are refused with 429 and Retry-After, and an export
 * whose client takes no bytes for the stall timeout is aborted (see {@link ChunkedStream}). Ingest has its own
 * executor and connection, queries their own workers; none of them waits for an export.
 */
public final class ExportSlots {

  private final int max;
  private final int perUser;
  private final Duration stallTimeout;
  private final Map<String, Integer> byUser = new HashMap<>();
  private int active;
  private final AtomicLong stalled = new AtomicLong();
  private final AtomicLong aborted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  public ExportSlots(int max, int perUser, Duration stallTimeout) {
    this.max = max;
    this.perUser = perUser;
    this.stallTimeout = stallTimeout;
  }

  /** One export's hold on a slot; {@link #release()} is idempotent. */
  final class Slot {
    private final String user;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(String user) {
      this.user = user;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        synchronized (ExportSlots.this) {
          active--;
          byUser.computeIfPresent(user, (u, n) -> n > 1 ? n - 1 : null);
        }
      }
    }
  }

  /** A slot for {@code user}, or a 429 problem when the caller or the service has as many exports as allowed. */
  synchronized Slot acquire(String user) {
    int mine = byUser.getOrDefault(user, 0);
    if (mine >= perUser) {
      refused.incrementAndGet();
      throw new ProblemException(429, "TOO_MANY_EXPORTS", "Too many requests", "You have " + mine
          + " exports streaming, the most allowed; finish one, or try again in " + retryAfterSeconds() + " s.");
    }
    if (active >= max) {
      refused.incrementAndGet();
      throw new ProblemException(429, "EXPORTS_BUSY", "Too many requests", "The service is streaming as many exports "
          + "as it allows; try again in " + retryAfterSeconds() + " s.");
    }
    active++;
    byUser.merge(user, 1, Integer::sum);
    return new Slot(user);
  }

  /** What Retry-After says: by then a stalled export has been aborted. */
  long retryAfterSeconds() {
    return Math.max(1, stallTimeout.toSeconds());
  }

  Duration stallTimeout() {
    return stallTimeout;
  }

  void stalling(int delta) {
    stalled.addAndGet(delta);
  }

  void abortedOne() {
    aborted.incrementAndGet();
  }

  /** Exports streaming now. */
  public synchronized int active() {
    return active;
  }

  /** Exports waiting now for their client to take bytes. */
  public long stalled() {
    return stalled.get();
  }

  /** Exports aborted since start because their client stopped reading. */
  public long aborted() {
    return aborted.get();
  }

  /** Exports refused with 429 since start. */
  public long refused() {
    return refused.get();
  }
}
