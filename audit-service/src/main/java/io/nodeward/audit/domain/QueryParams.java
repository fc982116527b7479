package io.nodeward.audit.domain;

import io.nodeward.events.Effect;
import io.nodeward.events.EventType;
import io.nodeward.events.Identifiers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Raw query-string parameters with typed, strict reads. Every refusal names the parameter, so a client sees
 * exactly what to fix; unknown parameters are refused too, because a misspelt filter would otherwise widen
 * the answer silently.
 */
final class QueryParams {

  private final Map<String, List<String>> values;

  QueryParams(Map<String, List<String>> values, Set<String> allowed) {
    this.values = values;
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw new InvalidQueryException("UNKNOWN_PARAMETER", "unknown query parameter '" + printable(name)
            + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  String single(String name) {
    List<String> list = values.get(name);
    if (list == null || list.isEmpty()) {
      return null;
    }
    if (list.size() > 1) {
      throw new InvalidQueryException("DUPLICATE_PARAMETER", "'" + name + "' may be given once");
    }
    String value = list.get(0).trim();
    return value.isEmpty() ? null : value;
  }

  Set<EventType> types() {
    List<String> list = values.get("type");
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    if (list == null) {
      return types;
    }
    for (String entry : list) {
      for (String name : entry.split(",")) {
        String trimmed = name.trim();
        if (!trimmed.isEmpty()) {
          types.add(eventType(trimmed));
        }
      }
    }
    return types;
  }

  private static EventType eventType(String name) {
    for (EventType type : EventType.values()) {
      if (type.type().equals(name) || type.name().equalsIgnoreCase(name)) {
        return type;
      }
    }
    throw new InvalidQueryException("INVALID_TYPE", "'type' must be an event type such as "
        + EventType.ACCESS_DECIDED.type() + " (or ACCESS_DECIDED)");
  }

  String userId() {
    String value = single("userId");
    if (value != null && !Identifiers.isUserId(value)) {
      throw new InvalidQueryException("INVALID_USER_ID", "'userId' must be a user id (letters, digits, '-', '_', 1-128)");
    }
    return value;
  }

  String nodeId() {
    String value = single("nodeId");
    if (value != null && !Identifiers.isNodeId(value)) {
      throw new InvalidQueryException("INVALID_NODE_ID", "'nodeId' must be a DNS label (a-z, 0-9, '-', 1-63)");
    }
    return value;
  }

  String serial() {
    String value = single("serial");
    if (value != null && !Identifiers.isSerial(value)) {
      throw new InvalidQueryException("INVALID_SERIAL", "'serial' must be lower-case hex without leading zeros");
    }
    return value;
  }

  String effect() {
    String value = single("effect");
    if (value == null) {
      return null;
    }
    for (Effect effect : Effect.values()) {
      if (effect.name().equalsIgnoreCase(value)) {
        return effect.name();
      }
    }
    throw new InvalidQueryException("INVALID_EFFECT", "'effect' must be ALLOW or DENY");
  }

  String reason() {
    String value = single("reason");
    if (value == null) {
      return null;
    }
    String upper = value.toUpperCase(java.util.Locale.ROOT);
    if (!Reasons.ALL.contains(upper)) {
      throw new InvalidQueryException("INVALID_REASON", "'reason' must be a decision reason, an issuance refusal "
          + "or a revocation reason, e.g. NOT_OWNER, REVOKED, KEY_COMPROMISE");
    }
    return upper;
  }

  Instant time(String name) {
    String value = single(name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException("INVALID_TIME", "'" + name + "' must be an RFC 3339 date-time such as 2026-11-24T12:00:00Z");
    }
  }

  int integer(String name, int defaultValue, int min, int max) {
    String value = single(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal
    }
    throw new InvalidQueryException("INVALID_" + name.toUpperCase(java.util.Locale.ROOT),
        "'" + name + "' must be an integer from " + min + " to " + max);
  }

  /** A whole number from 1 to 2^62, or null when absent; {@code code} names the refusal. */
  Long positiveLong(String name, String code) {
    String value = single(name);
    if (value == null) {
      return null;
    }
    if (value.matches("[1-9][0-9]{0,17}")) {
      return Long.parseLong(value);
    }
    throw new InvalidQueryException(code, "'" + name + "' must be a whole number of at least 1");
  }

  static void checkRange(Instant from, Instant to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidQueryException("INVALID_RANGE", "'from' must be before 'to'");
    }
  }

  private static String printable(String name) {
    String cut = name.length() > 40 ? name.substring(0, 40) : name;
    return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
  }
}
