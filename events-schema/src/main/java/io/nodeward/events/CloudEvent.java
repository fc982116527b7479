package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode (spec §3, JSON format). {@code id} is a UUID and, with
 * {@code source}, identifies the event exactly once: consumers deduplicate on it. {@code signature}, when
 * present, is the producer's Ed25519 signature in the extension attributes {@code nodewardsig} and
 * {@code nodewardkeyid} ({@link EventSigner}); null on an event not signed (yet).
 */
public record CloudEvent<T extends EventData>(String id, String source, EventType type, Instant time, T data,
    EventSignature signature) {

  public static final String SPEC_VERSION = "1.0";
  public static final String DATA_CONTENT_TYPE = "application/json";
  /** Content type of a structured-mode CloudEvent (Kafka protocol binding §3.2). */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  /** An unsigned event. */
  public CloudEvent(String id, String source, EventType type, Instant time, T data) {
    this(id, source, type, time, data, null);
  }

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
    if (type.dataClass() != data.getClass()) {
      throw new IllegalArgumentException("type " + type + " does not carry " + data.getClass().getSimpleName());
    }
  }

  /** A new event with a random UUID, stamped now. */
  public static <T extends EventData> CloudEvent<T> of(String source, T data, Instant now) {
    return new CloudEvent<>(UUID.randomUUID().toString(), source, EventType.of(data), now, data);
  }

  public CloudEvent<T> withSignature(EventSignature newSignature) {
    return new CloudEvent<>(id, source, type, time, data, newSignature);
  }

  /** This event without its signature: what a signature covers. */
  public CloudEvent<T> unsigned() {
    return signature == null ? this : new CloudEvent<>(id, source, type, time, data, null);
  }

  public boolean signed() {
    return signature != null;
  }

  public String subject() {
    return data.subject();
  }

  public String key() {
    return data.key();
  }

  public Topic topic() {
    return type.topic();
  }
}
