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
    ObjectNode envelope = envelope(event);
    if (event.signature() != null) {
      envelope.put(EventSignature.VALUE_ATTRIBUTE, event.signature().value())
          .put(EventSignature.KEY_ID_ATTRIBUTE, event.signature().keyId());
    }
    try {
      return mapper.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not encodable: " + event.type(), e);
    }
  }

  /** The envelope without the signature attributes. */
  private ObjectNode envelope(CloudEvent<?> event) {
    ObjectNode envelope = mapper.createObjectNode()
        .put("specversion", CloudEvent.SPEC_VERSION)
        .put("id", event.id())
        .put("source", event.source())
        .put("type", event.type().type())
        .put("subject", event.subject())
        .put("time", event.time().toString())
        .put("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
    envelope.set("data", mapper.valueToTree(event.data()));
    return envelope;
  }

  /**
   * What a producer's signature covers: the RFC 8785 canonical form of the envelope without {@code nodewardsig}
   * and {@code nodewardkeyid}, as UTF-8 bytes. Canonical, so any JSON library that produces the same event
   * produces the same bytes, and a verifier recomputes them from what it received.
   */
  public byte[] signedContent(CloudEvent<?> event) {
    try {
      return CanonicalJson.canonicalBytes(mapper.writeValueAsString(envelope(event)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event not encodable: " + event.type(), e);
    }
  }

  /** The event with the producer's signature attached (any earlier signature replaced). */
  public <T extends EventData> CloudEvent<T> sign(CloudEvent<T> event, EventSigner signer) {
    return event.withSignature(signer.sign(signedContent(event)));
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
    return decode(parse(bytes));
  }

  /** A decoded event and the canonical bytes its signature must cover, computed from the JSON as received. */
  public record Decoded(CloudEvent<EventData> event, byte[] signedContent) {
  }

  /**
   * Decodes and also gives what the signature covers. The content is canonicalized from the received JSON, not
   * from a re-encoding of the decoded record, so a producer that writes an equivalent JSON (another time
   * precision, another key order) still verifies.
   */
  public Decoded decodeForVerification(byte[] bytes) throws InvalidEventException {
    JsonNode root = parse(bytes);
    CloudEvent<EventData> event = decode(root);
    ObjectNode unsigned = ((ObjectNode) root).deepCopy();
    unsigned.remove(EventSignature.VALUE_ATTRIBUTE);
    unsigned.remove(EventSignature.KEY_ID_ATTRIBUTE);
    try {
      return new Decoded(event, CanonicalJson.canonicalBytes(mapper.writeValueAsString(unsigned)));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new InvalidEventException("not canonicalizable: " + rootMessage(e));
    }
  }

  private JsonNode parse(byte[] bytes) throws InvalidEventException {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidEventException(RejectionReason.MALFORMED, "empty record");
    }
    if (bytes.length > MAX_EVENT_BYTES) {
      throw new InvalidEventException(RejectionReason.MALFORMED, "record of " + bytes.length + " bytes exceeds "
          + MAX_EVENT_BYTES);
    }
    try {
      return mapper.readTree(bytes);
    } catch (IOException e) {
      throw new InvalidEventException(RejectionReason.MALFORMED, "not JSON");
    }
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
    JsonNode signatureValue = root.get(EventSignature.VALUE_ATTRIBUTE);
    EventSignature signature = signatureValue == null ? null
        : new EventSignature(root.get(EventSignature.KEY_ID_ATTRIBUTE).asText(), signatureValue.asText());
    return new CloudEvent<>(root.get("id").asText(), root.get("source").asText(), type, time, value, signature);
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
