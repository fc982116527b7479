package io.nodeward.issuer.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodeward.kit.http.ProblemException;
import io.nodeward.kit.http.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request body read strictly: a single JSON object, no duplicate keys, no trailing data, only the fields the
 * route declares, each of the declared JSON type. Anything else is a 400 problem naming the rule broken.
 * Nothing here passes a raw JSON tree past the handler that parsed it.
 */
final class JsonBody {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /** {@code optional}: an empty body counts as {}. */
  static JsonBody parse(RoutingContext ctx, Set<String> allowedFields, boolean optional) {
    requireJsonContentType(ctx);
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      if (optional) {
        return new JsonBody(MAPPER.createObjectNode());
      }
      throw Problems.malformedJson();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw Problems.malformedJson();
    }
    if (root == null || !root.isObject()) {
      throw Problems.malformedJson();
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowedFields.contains(name)) {
        // Echo the name only when it is harmless; allowed names are listed so the caller can fix the request.
        String shown = PRINTABLE_NAME.matcher(name).matches() ? "'" + name + "'" : "a field";
        throw Problems.badRequest("UNKNOWN_FIELD", "The body has " + shown + " this route does not accept; allowed: "
            + new java.util.TreeSet<>(allowedFields) + ".");
      }
    }
    return new JsonBody(root);
  }

  private static void requireJsonContentType(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return;
    }
    String media = type.split(";", 2)[0].trim().toLowerCase();
    if (!media.equals("application/json") && !media.endsWith("+json")) {
      // Also keeps HTML forms (text/plain, urlencoded) from reaching a state-changing route.
      throw new ProblemException(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", "Send application/json.");
    }
  }

  /** An optional string field, null when absent or JSON null. */
  String string(String name, int maxLength) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(name, "a string");
    }
    String value = node.textValue();
    if (value.length() > maxLength) {
      throw Problems.badRequest("FIELD_TOO_LONG", name + " may be at most " + maxLength + " characters.");
    }
    return value;
  }

  String requiredString(String name, int maxLength) {
    String value = string(name, maxLength);
    if (value == null) {
      throw Problems.badRequest("MISSING_FIELD", name + " is required.");
    }
    return value;
  }

  /** An optional integer field; 24.0 and "24" are refused, a count of hours is a JSON integer. */
  Long integer(String name) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw wrongType(name, "an integer");
    }
    return node.longValue();
  }

  private static ProblemException wrongType(String name, String expected) {
    return Problems.badRequest("WRONG_TYPE", name + " must be " + expected + ".");
  }
}
