package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode (spec §3, JSON format). {@code id} is a UUID and, with
 * {@code source}, identifies the event exactly once: consumers deduplicate on it.
 */
public record CloudEvent<T extends EventData>(String id, String source, EventType type, Instant time, T data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String DATA_CONTENT_TYPE = "application/json";
  /** Content type of a structured-mode CloudEvent (Kafka protocol binding §3.2). */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

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
