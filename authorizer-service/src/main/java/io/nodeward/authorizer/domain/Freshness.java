package io.nodeward.authorizer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the allow-list last confirmed it had consumed everything the broker had (null: never). Past
 * {@code maxStaleness} a revocation could be sitting unread in Kafka, so the policy stops trusting the list.
 */
public record Freshness(Instant confirmedAt, Duration maxStaleness) {

  public Freshness {
    Objects.requireNonNull(maxStaleness, "maxStaleness");
  }

  public static Freshness never(Duration maxStaleness) {
    return new Freshness(null, maxStaleness);
  }

  public static Freshness confirmed(Instant at, Duration maxStaleness) {
    return new Freshness(at, maxStaleness);
  }

  public boolean isFresh(Instant now) {
    return confirmedAt != null && !now.isAfter(confirmedAt.plus(maxStaleness));
  }

  /** Time since the last confirmation; null if never confirmed. */
  public Duration age(Instant now) {
    return confirmedAt == null ? null : Duration.between(confirmedAt, now);
  }
}
