package io.nodeward.kit.kafka;

import io.nodeward.events.RejectionReason;
import java.time.Instant;
import java.util.Objects;

/**
 * A record a consumer did not apply, as the audit trail needs it for a marker: where it was, why it was refused,
 * what it claimed to be (unverified, possibly null: a forger chooses these) and a digest of its bytes, so the marker
 * identifies exactly which record was refused without storing what it says.
 *
 * @param sha256 lower-case hex SHA-256 of the record's value as read
 * @param seenAt the record's Kafka timestamp: the same on every redelivery
 */
public record RejectedRecord(String topic, int partition, long offset, String key, RejectionReason reason, String detail,
    String claimedId, String claimedSource, String claimedType, String sha256, Instant seenAt) {

  public RejectedRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(seenAt, "seenAt");
  }
}
