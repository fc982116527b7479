package io.nodeward.stack;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded waiting for something that happens asynchronously (an event reaching the audit trail, a revocation
 * reaching the gateway). The bound only turns a hang into a failure with a message naming what never happened
 * and the last thing seen; the tests never assert how long anything took.
 */
public final class Poll {

  static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);
  private static final long PAUSE_MILLIS = 20;

  private Poll() {
  }

  public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
    return until(what, DEFAULT_BOUND, probe, done);
  }

  public static <T> T until(String what, Duration bound, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + bound.toNanos();
    T last;
    int attempts = 0;
    while (true) {
      last = probe.get();
      attempts++;
      if (done.test(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Never happened within " + bound.toMillis() + " ms (" + attempts + " attempts): "
            + what + "; last seen: " + last);
      }
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
