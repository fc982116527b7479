package io.nodeward.audit.domain;

import io.nodeward.audit.domain.log.MerkleHash;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import java.nio.charset.StandardCharsets;

/**
 * An event on its way into the log: its columns, the canonical JSON that is its leaf input, that leaf's hash, and
 * where it was read from (kept for forensics; null when it did not come from Kafka).
 */
public record IncomingEvent(RecordColumns columns, String canonicalJson, byte[] leafHash, String topic, Integer partition,
    Long offset) {

  public static IncomingEvent of(EventCodec codec, CloudEvent<? extends EventData> event, String topic, Integer partition, Long offset) {
    String json = codec.canonical(event);
    return new IncomingEvent(RecordColumns.of(event), json, MerkleHash.leaf(json.getBytes(StandardCharsets.UTF_8)), topic,
        partition, offset);
  }

  public String eventId() {
    return columns.eventId();
  }

  public String source() {
    return columns.source();
  }
}
