package io.nodeward.console.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The filters of an audit search as a person fills them in (every filter the audit API has), and the same filters
 * as the API's query parameters. Times are typed as UTC ({@code 2026-11-30T10:15} from a date-time field, or full
 * RFC 3339); the API validates everything else and its refusals are shown as they come.
 */
public record AuditFilter(String type, String userId, String nodeId, String serial, String effect, String reason,
    Instant from, Instant to) {

  /** The form fields, in the order the search form shows them. */
  public static final List<String> FIELDS = List.of("type", "userId", "nodeId", "serial", "effect", "reason", "from", "to");

  /** A filter and what could not be read of the form; values that could not be read are left out of the filter. */
  public record Parsed(AuditFilter filter, List<String> errors) {
  }

  public static AuditFilter none() {
    return new AuditFilter(null, null, null, null, null, null, null, null);
  }

  public static Parsed parse(Function<String, String> form) {
    List<String> errors = new ArrayList<>();
    Instant from = time(form.apply("from"), "From", errors);
    Instant to = time(form.apply("to"), "To", errors);
    if (from != null && to != null && !from.isBefore(to)) {
      errors.add("From must be before To.");
      from = null;
      to = null;
    }
    return new Parsed(new AuditFilter(text(form.apply("type")), text(form.apply("userId")), text(form.apply("nodeId")),
        text(form.apply("serial")), upper(form.apply("effect")), upper(form.apply("reason")), from, to), errors);
  }

  /** The audit API's query parameters for this filter (no paging). */
  public Map<String, String> apiQuery() {
    Map<String, String> query = new LinkedHashMap<>();
    put(query, "type", type);
    put(query, "userId", userId);
    put(query, "nodeId", nodeId);
    put(query, "serial", serial);
    put(query, "effect", effect);
    put(query, "reason", reason);
    put(query, "from", from == null ? null : from.toString());
    put(query, "to", to == null ? null : to.toString());
    return query;
  }

  /** The console page's own query for this filter, as the form would submit it (for links: next page, export). */
  public Map<String, String> formQuery() {
    Map<String, String> query = apiQuery();
    if (from != null) {
      query.put("from", formTime(from));
    }
    if (to != null) {
      query.put("to", formTime(to));
    }
    return query;
  }

  public AuditFilter withType(String newType) {
    return new AuditFilter(newType, userId, nodeId, serial, effect, reason, from, to);
  }

  public AuditFilter withUserId(String user) {
    return new AuditFilter(type, user, nodeId, serial, effect, reason, from, to);
  }

  /** How a date-time field shows this time (UTC, to the minute, or to the second when it has seconds). */
  public static String formTime(Instant time) {
    LocalDateTime local = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    return local.getSecond() == 0 && local.getNano() == 0
        ? local.toString().substring(0, 16)
        : local.withNano(0).toString();
  }

  static Instant time(String value, String label, List<String> errors) {
    String v = text(value);
    if (v == null) {
      return null;
    }
    try {
      if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(v).toInstant();
      }
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      errors.add(label + " must be a date and time such as 2026-11-30T10:15 (UTC).");
      return null;
    }
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String upper(String value) {
    String v = text(value);
    return v == null ? null : v.toUpperCase(java.util.Locale.ROOT);
  }

  private static void put(Map<String, String> query, String name, String value) {
    if (value != null) {
      query.put(name, value);
    }
  }
}
