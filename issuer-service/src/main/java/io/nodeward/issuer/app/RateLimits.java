package io.nodeward.issuer.app;

import io.nodeward.kit.http.RateLimiter;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How often one identity may have certificates issued (or renewed) and revoked (issue 13.12). A caller over the
 * limit gets {@link RateLimitedException} with how long to wait; nothing is signed, recorded or audited for it,
 * so a flood costs neither CA signatures nor audit volume.
 */
public final class RateLimits {

  /** Identities tracked at once before idle ones are forgotten: bounds memory under a flood of new users. */
  static final int MAX_IDENTITIES = 100_000;

  private final RateLimiter issuance;
  private final RateLimiter revocation;
  private final LongSupplier nanoTime;

  public RateLimits(int issuancePerSecond, int revocationPerSecond, LongSupplier nanoTime) {
    this.issuance = new RateLimiter(issuancePerSecond, MAX_IDENTITIES);
    this.revocation = new RateLimiter(revocationPerSecond, MAX_IDENTITIES);
    this.nanoTime = nanoTime;
  }

  public static RateLimits off() {
    return new RateLimits(0, 0, System::nanoTime);
  }

  Future<Void> issuance(String identity) {
    return check(issuance, identity);
  }

  Future<Void> revocation(String identity) {
    return check(revocation, identity);
  }

  private Future<Void> check(RateLimiter limiter, String identity) {
    Duration wait = limiter.acquire(identity, nanoTime.getAsLong());
    return wait.isZero() ? Future.succeededFuture() : Future.failedFuture(new RateLimitedException(wait));
  }
}
