package io.nodeward.audit.domain;

import io.nodeward.events.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A filter over the trail, newest first. Every field is optional; {@code beforeSequence} comes from the opaque
 * cursor and makes pagination a keyset walk down the sequence (no OFFSET, so deep pages cost what the first costs).
 *
 * @param from inclusive event time
 * @param to exclusive event time
 */
public record AuditQuery(
    Set<EventType> types,
    String userId,
    String nodeId,
    String serial,
    String effect,
    String reason,
    Instant from,
    Instant to,
    int limit,
    Long beforeSequence) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  static final Set<String> FILTERS = Set.of("type", "userId", "nodeId", "serial", "effect", "reason", "from", "to");
  private static final Set<String> PARAMETERS = union(FILTERS, Set.of("limit", "cursor"));

  public AuditQuery {
    types = Set.copyOf(types);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidQueryException("INVALID_LIMIT", "'limit' must be an integer from 1 to " + MAX_LIMIT);
    }
    QueryParams.checkRange(from, to);
  }

  public static AuditQuery all(int limit) {
    return new AuditQuery(Set.of(), null, null, null, null, null, null, null, limit, null);
  }

  /** Parses the query string of GET /v1/audit/events. */
  public static AuditQuery parse(Map<String, List<String>> params, CursorCodec cursors) {
    QueryParams p = new QueryParams(params, PARAMETERS);
    String cursor = p.single("cursor");
    return new AuditQuery(p.types(), p.userId(), p.nodeId(), p.serial(), p.effect(), p.reason(),
        p.time("from"), p.time("to"), p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        cursor == null ? null : cursors.decode(cursor));
  }

  /** Parses the filters of GET /v1/audit/export (no paging: the whole range streams). */
  public static AuditQuery parseExport(Map<String, List<String>> params) {
    QueryParams p = new QueryParams(params, union(FILTERS, Set.of("format")));
    return new AuditQuery(p.types(), p.userId(), p.nodeId(), p.serial(), p.effect(), p.reason(),
        p.time("from"), p.time("to"), MAX_LIMIT, null);
  }

  public AuditQuery withUserId(String user) {
    return new AuditQuery(types, user, nodeId, serial, effect, reason, from, to, limit, beforeSequence);
  }

  public AuditQuery withLimit(int newLimit) {
    return new AuditQuery(types, userId, nodeId, serial, effect, reason, from, to, newLimit, beforeSequence);
  }

  public AuditQuery before(long sequence) {
    return new AuditQuery(types, userId, nodeId, serial, effect, reason, from, to, limit, sequence);
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
