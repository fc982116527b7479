package io.nodeward.audit.domain;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;

/**
 * An event on its way into the trail: its columns, the canonical JSON its hash will cover, and where it was read
 * from (kept for forensics; null when it did not come from Kafka).
 */
public record IncomingEvent(RecordColumns columns, String canonicalJson, String topic, Integer partition, Long offset) {

  public static IncomingEvent of(EventCodec codec, CloudEvent<? extends EventData> event, String topic, Integer partition, Long offset) {
    return new IncomingEvent(RecordColumns.of(event), codec.canonical(event), topic, partition, offset);
  }

  public String eventId() {
    return columns.eventId();
  }
}
