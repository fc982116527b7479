package io.nodeward.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token buckets with time passed in: burst, refill, per-identity budgets, bounded memory. */
class RateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstOfOneSecondsWorthThenOneTokenPerIntervalWithTheWaitSaid() {
    RateLimiter limiter = new RateLimiter(5, 100);
    for (int i = 0; i < 5; i++) {
      assertEquals(Duration.ZERO, limiter.acquire("alice", 0));
    }
    Duration wait = limiter.acquire("alice", 0);
    assertEquals(Duration.ofMillis(200), wait);
    assertTrue(limiter.acquire("alice", SECOND / 10).compareTo(Duration.ZERO) > 0, "half a token is not a token");
    assertEquals(Duration.ZERO, limiter.acquire("alice", SECOND / 5));
  }

  @Test
  void eachIdentityHasItsOwnBudget() {
    RateLimiter limiter = new RateLimiter(1, 100);
    assertEquals(Duration.ZERO, limiter.acquire("alice", 0));
    assertTrue(limiter.acquire("alice", 0).compareTo(Duration.ZERO) > 0);
    assertEquals(Duration.ZERO, limiter.acquire("bob", 0));
  }

  @Test
  void theBudgetNeverExceedsTheBurstAfterALongPause() {
    RateLimiter limiter = new RateLimiter(2, 100);
    limiter.acquire("alice", 0);
    long later = 3600 * SECOND;
    assertEquals(Duration.ZERO, limiter.acquire("alice", later));
    assertEquals(Duration.ZERO, limiter.acquire("alice", later));
    assertTrue(limiter.acquire("alice", later).compareTo(Duration.ZERO) > 0);
  }

  @Test
  void idleIdentitiesAreForgottenSoAFloodOfNewOnesStaysBounded() {
    RateLimiter limiter = new RateLimiter(10, 1000);
    for (int i = 0; i < 100_000; i++) {
      limiter.acquire("user-" + i, i * (SECOND / 10)); // each one idle (full again) a second later
    }
    assertTrue(limiter.trackedIdentities() <= 1000, "tracked " + limiter.trackedIdentities());
  }

  @Test
  void zeroMeansNoLimit() {
    RateLimiter limiter = new RateLimiter(0, 10);
    for (int i = 0; i < 1000; i++) {
      assertEquals(Duration.ZERO, limiter.acquire("alice", 0));
    }
  }
}
