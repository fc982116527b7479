package io.nodeward.audit.domain;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventRejected;
import io.nodeward.events.EventSource;
import io.nodeward.events.EventType;
import io.nodeward.events.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The marker a refused Kafka record leaves in the log: a CloudEvent written by the audit service about the record,
 * never the record. Everything in it follows from the record's place, so a redelivered batch yields the same
 * marker (same id, same content) and it deduplicates: the id is a name-based UUID of topic/partition/offset, the
 * time the record's own Kafka timestamp, the source the trail (its consumer group), not the instance.
 */
public final class RejectionMarker {

  private RejectionMarker() {
  }

  /**
   * @param trail the consumer group: one trail, one marker source
   * @param claimedId what the record said its id was (unverified; may be null), and so on
   */
  public static CloudEvent<EventRejected> of(String trail, String topic, int partition, long offset, RejectionReason reason,
      String claimedId, String claimedSource, String claimedType, String recordSha256, Instant recordTime) {
    String place = topic + "/" + partition + "/" + offset;
    EventRejected data = new EventRejected(topic, partition, offset, reason, sentence(reason), cut(claimedId, 256),
        cut(claimedSource, 512), cut(claimedType, 256), recordSha256, recordTime);
    return new CloudEvent<>(UUID.nameUUIDFromBytes(("nodeward-audit-marker:" + place).getBytes(StandardCharsets.UTF_8)).toString(),
        EventSource.of("audit", trail).toString(), EventType.EVENT_REJECTED, recordTime, data);
  }

  /**
   * Our own sentence, not the consumer's message: a validation message may quote the record, and the marker must
   * carry nothing the record says beyond its claimed identity.
   */
  static String sentence(RejectionReason reason) {
    return switch (reason) {
      case MALFORMED -> "the record is not a CloudEvent";
      case INVALID -> "the event does not match its schema";
      case UNSIGNED -> "the event carries no signature";
      case UNKNOWN_KEY -> "the event is signed with a key nobody pinned";
      case BAD_SIGNATURE -> "the event's signature does not verify";
      case WRONG_PRODUCER -> "the event is signed by a producer that may not send its type";
    };
  }

  private static String cut(String value, int max) {
    if (value == null) {
      return null;
    }
    StringBuilder printable = new StringBuilder(Math.min(value.length(), max));
    for (int i = 0; i < value.length() && printable.length() < max; i++) {
      char c = value.charAt(i);
      printable.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return printable.toString();
  }
}
