package io.nodeward.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;

/** The one JSON mapper of the client, and small helpers for reading answers without nulls spreading. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static JsonNode parse(String text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw CliFailure.failed("MALFORMED_ANSWER", what + " is not valid JSON.");
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A text member, or null when absent or JSON null. */
  public static String text(JsonNode node, String name) {
    JsonNode value = node == null ? null : node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A text member the answer must have. */
  public static String required(JsonNode node, String name, String what) {
    String value = text(node, name);
    if (value == null) {
      throw CliFailure.failed("MALFORMED_ANSWER", what + " has no '" + name + "'.");
    }
    return value;
  }
}
