package io.nodeward.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Encodes and decodes nodeward CloudEvents (structured JSON mode). Decoding validates the envelope and the
 * data against their JSON Schemas before anything is built, so a consumer never acts on a half-valid event.
 * Thread-safe; create one and share it.
 */
public final class EventCodec {

  /** Records bigger than this are refused before parsing (events are a few KiB at most). */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  private final ObjectMapper mapper;
  private final EventSchemas schemas;

  public EventCodec() {
    this.mapper = newMapper();
    this.schemas = EventSchemas.load();
  }

  /** The mapper used on the wire: RFC 3339 instants, nulls omitted, unknown properties refused. */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public String encode(CloudEvent<?> event) {
    ObjectNode envelope = mapper.createObjectNode()
        .put("specversion", CloudEvent.SPEC_VERSION)
        .put("id", event.id())
        .put("source", event.source())
        .put("type", event.type().type())
        .put("subject", event.subject())
        .put("time", event.time().toString())
        .put("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
    envelope.set("data", mapper.valueToTree(event.data()));
    try {
      return mapper.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not encodable: " + event.type(), e);
    }
  }

  public byte[] encodeBytes(CloudEvent<?> event) {
    return encode(event).getBytes(StandardCharsets.UTF_8);
  }

  /** The event's data alone as RFC 8785 canonical JSON. */
  public String canonicalData(EventData data) {
    try {
      return CanonicalJson.canonicalize(mapper.writeValueAsString(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("data not encodable", e);
    }
  }

  /** The whole envelope as RFC 8785 canonical JSON: what the audit chain hashes. */
  public String canonical(CloudEvent<?> event) {
    return CanonicalJson.canonicalize(encode(event));
  }

  public CloudEvent<EventData> decode(byte[] bytes) throws InvalidEventException {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidEventException("empty record");
    }
    if (bytes.length > MAX_EVENT_BYTES) {
      throw new InvalidEventException("record of " + bytes.length + " bytes exceeds " + MAX_EVENT_BYTES);
    }
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (IOException e) {
      throw new InvalidEventException("not JSON");
    }
    return decode(root);
  }

  public CloudEvent<EventData> decode(String json) throws InvalidEventException {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private CloudEvent<EventData> decode(JsonNode root) throws InvalidEventException {
    schemas.validateEnvelope(root);
    String typeName = root.get("type").asText();
    EventType type = EventType.ofType(typeName)
        .orElseThrow(() -> new InvalidEventException("unknown event type"));
    JsonNode data = root.get("data");
    schemas.validateData(type, data);
    EventData value;
    Instant time;
    try {
      value = mapper.treeToValue(data, type.dataClass());
      time = Instant.parse(root.get("time").asText());
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidEventException("data does not form a valid " + type + ": " + rootMessage(e));
    }
    return new CloudEvent<>(root.get("id").asText(), root.get("source").asText(), type, time, value);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    if (message == null) {
      return t.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
