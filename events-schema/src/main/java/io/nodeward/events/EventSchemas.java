package io.nodeward.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The JSON Schemas (draft 2020-12) of the envelope and of every event's data, loaded once from the classpath. */
public final class EventSchemas {

  public static final String ENVELOPE_RESOURCE = "/schemas/cloudevent.schema.json";

  private final JsonSchema envelope;
  private final Map<EventType, JsonSchema> data;

  private EventSchemas(JsonSchema envelope, Map<EventType, JsonSchema> data) {
    this.envelope = envelope;
    this.data = data;
  }

  public static EventSchemas load() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    Map<EventType, JsonSchema> data = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      data.put(type, read(factory, type.schemaResource()));
    }
    return new EventSchemas(read(factory, ENVELOPE_RESOURCE), data);
  }

  private static JsonSchema read(JsonSchemaFactory factory, String resource) {
    try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from classpath: " + resource);
      }
      return factory.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void validateEnvelope(JsonNode node) throws InvalidEventException {
    check(envelope, node, "envelope");
  }

  public void validateData(EventType type, JsonNode node) throws InvalidEventException {
    check(data.get(type), node, type.type());
  }

  private static void check(JsonSchema schema, JsonNode node, String what) throws InvalidEventException {
    Set<ValidationMessage> errors = schema.validate(node);
    if (!errors.isEmpty()) {
      throw new InvalidEventException(what + " fails its schema: " + errors.stream()
          .map(ValidationMessage::getMessage).sorted().limit(5).collect(Collectors.joining("; ")));
    }
  }
}
