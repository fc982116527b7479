package io.nodeward.issuer.app;

import java.time.Duration;

/** The caller is over its rate limit; {@code retryAfter} is how long until one more call would be allowed. */
public final class RateLimitedException extends RuntimeException {

  private final Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    super("rate limited", null, false, false);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds, at least 1: what a Retry-After header carries (RFC 9110 §10.2.3). */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
