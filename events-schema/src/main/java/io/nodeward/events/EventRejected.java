package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A marker the audit service writes into its log for a Kafka record it refused as an event: where the record
 * was, why it was refused and the hash of its bytes. Never the record's content, which may be forged or hostile;
 * the record itself is on the dead-letter topic. Claimed fields are what the record said, unverified.
 */
public record EventRejected(
    String topic,
    int partition,
    long offset,
    RejectionReason reason,
    String detail,
    String claimedId,
    String claimedSource,
    String claimedType,
    String recordSha256,
    Instant recordTime) implements EventData {

  public EventRejected {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(recordSha256, "recordSha256");
    Objects.requireNonNull(recordTime, "recordTime");
  }

  /** The record's place: one marker per place, whoever rejected it and however often. */
  @Override
  public String key() {
    return topic + "/" + partition + "/" + offset;
  }
}
