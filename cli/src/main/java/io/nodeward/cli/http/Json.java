package io.nodeward.cli.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON for the client: Jackson's tree nodes, read and written with Jackson's streaming parser and generator. No
 * {@code ObjectMapper}: building one loads some 600 classes, which measured as the largest single cost of a
 * {@code nodeward cert list} cold start, and a client that only walks trees needs none of its data binding.
 */
public final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Parses a JSON text; a refusal names {@code what} (never the text, which may hold a token). */
  public static JsonNode parse(String text, String what) {
    try {
      return read(text, false);
    } catch (IOException e) {
      throw CliFailure.failed("MALFORMED_ANSWER", what + " is not valid JSON.");
    }
  }

  /** One JSON value and nothing after it; with {@code strict}, a member named twice is an error too. */
  public static JsonNode read(String text, boolean strict) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (strict) {
        parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      }
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("no JSON value");
      }
      JsonNode value = value(parser, first);
      if (parser.nextToken() != null) {
        throw new IOException("data after the JSON value");
      }
      return value;
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          object.set(name, value(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(value(parser, t));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(parser.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new IOException("unexpected " + token);
    }
  }

  public static String write(JsonNode node) {
    return generate(node, false);
  }

  public static String pretty(JsonNode node) {
    return generate(node, true);
  }

  /** A JSON string literal of {@code text}. */
  public static String quote(String text) {
    return write(NODES.textNode(text));
  }

  private static String generate(JsonNode node, boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      if (pretty) {
        generator.useDefaultPrettyPrinter();
      }
      write(generator, node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
          Map.Entry<String, JsonNode> field = fields.next();
          out.writeFieldName(field.getKey());
          write(out, field.getValue());
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode element : node) {
          write(out, element);
        }
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case NUMBER -> {
        if (node.isBigInteger()) {
          out.writeNumber(node.bigIntegerValue());
        } else if (node.isIntegralNumber()) {
          out.writeNumber(node.longValue());
        } else if (node.isBigDecimal()) {
          out.writeNumber(node.decimalValue());
        } else {
          out.writeNumber(node.doubleValue());
        }
      }
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      default -> out.writeNull();
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
