package io.nodeward.cli.renew;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next try after a failed renewal: exponential backoff with full jitter (a uniformly
 * random wait up to the ceiling, so many nodes whose issuer came back do not retry in step), the ceiling doubling
 * from {@link #BASE} per attempt, never above {@link #CAP} nor above a tenth of the time the certificate has left,
 * so a short-lived certificate still gets several tries before it expires.
 */
public final class Backoff {

  static final Duration BASE = Duration.ofSeconds(1);
  static final Duration CAP = Duration.ofMinutes(5);
  static final Duration FLOOR = Duration.ofMillis(250);

  private final DoubleSupplier random;

  /** {@code random}: uniform in [0, 1). */
  public Backoff(DoubleSupplier random) {
    this.random = random;
  }

  /** The ceiling for the given attempt (0 for the first retry). */
  public static Duration ceiling(int attempt, Duration remaining) {
    Duration exponential = BASE.multipliedBy(1L << Math.min(attempt, 20));
    Duration ceiling = exponential.compareTo(CAP) < 0 ? exponential : CAP;
    Duration tenth = remaining.dividedBy(10);
    if (tenth.compareTo(ceiling) < 0) {
      ceiling = tenth;
    }
    return ceiling.compareTo(FLOOR) < 0 ? FLOOR : ceiling;
  }

  public Duration delay(int attempt, Duration remaining) {
    Duration ceiling = ceiling(attempt, remaining);
    long millis = FLOOR.toMillis() + (long) (random.getAsDouble() * (ceiling.toMillis() - FLOOR.toMillis()));
    return Duration.ofMillis(millis);
  }
}
