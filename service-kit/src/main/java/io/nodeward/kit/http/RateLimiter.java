package io.nodeward.kit.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-identity token buckets, used by the issuer (issuance, renewal, revocation; issue 13.12) and the authorizer
 * (the gateway per certificate, {@code /authorize} per caller; 13.3, 13.12): each identity may do
 * {@code ratePerSecond} operations a second with a burst of one second's worth. Time is passed in (nanoseconds), so the rule is tested without waiting. Memory is
 * bounded: beyond {@code maxIdentities}, buckets that have refilled completely (idle identities) are dropped,
 * which forgets nothing that matters since a full bucket is what a new identity gets.
 */
public final class RateLimiter {

  private final double perNano;
  private final double burst;
  private final int maxIdentities;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }
  }

  /** @param ratePerSecond 0 turns the limit off */
  public RateLimiter(int ratePerSecond, int maxIdentities) {
    if (ratePerSecond < 0 || maxIdentities < 1) {
      throw new IllegalArgumentException("rate must be >= 0 and maxIdentities >= 1");
    }
    this.perNano = ratePerSecond / 1e9;
    this.burst = ratePerSecond;
    this.maxIdentities = maxIdentities;
  }

  public boolean enabled() {
    return burst > 0;
  }

  /** Zero when {@code identity} may go ahead now (and a token is spent), else how long until it may. */
  public Duration acquire(String identity, long nowNanos) {
    if (!enabled()) {
      return Duration.ZERO;
    }
    if (buckets.size() >= maxIdentities && !buckets.containsKey(identity)) {
      forgetIdle(nowNanos);
    }
    Bucket bucket = buckets.computeIfAbsent(identity, k -> new Bucket(burst, nowNanos));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.updatedNanos) * perNano);
      bucket.updatedNanos = nowNanos;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perNano));
    }
  }

  private void forgetIdle(long nowNanos) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().tokens + (nowNanos - e.getValue().updatedNanos) * perNano >= burst;
      }
    });
  }

  /** For tests and metrics: how many identities are tracked. */
  public int trackedIdentities() {
    return buckets.size();
  }
}
