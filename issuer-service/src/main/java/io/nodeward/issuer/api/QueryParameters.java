package io.nodeward.issuer.api;

import io.nodeward.events.Identifiers;
import io.nodeward.issuer.domain.PageCursors;
import io.nodeward.issuer.domain.SerialNumbers;
import io.nodeward.kit.http.Problems;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A query string read strictly: only the parameters a route declares, each at most once, each value checked
 * here with a problem naming the parameter. Handlers never read {@code ctx.queryParams()} themselves.
 */
final class QueryParameters {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final Duration MAX_DURATION = Duration.ofDays(3650);

  private final MultiMap params;

  private QueryParameters(MultiMap params) {
    this.params = params;
  }

  static QueryParameters parse(RoutingContext ctx, Set<String> allowed) {
    MultiMap params = ctx.queryParams();
    for (String name : params.names()) {
      if (!allowed.contains(name) || params.getAll(name).size() > 1) {
        throw Problems.badRequest("INVALID_QUERY", "Accepted query parameters, once each: " + new TreeSet<>(allowed) + ".");
      }
    }
    return new QueryParameters(params);
  }

  String raw(String name) {
    return params.get(name);
  }

  int limit() {
    String value = params.get("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Problems.badRequest("INVALID_LIMIT", "limit must be an integer from 1 to " + MAX_LIMIT + ".");
  }

  /** The position inside {@code cursor}, or empty when there is no cursor. */
  Optional<String> cursor(PageCursors cursors, PageCursors.Kind kind) {
    String value = params.get("cursor");
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(cursors.decode(kind, value).orElseThrow(QueryParameters::invalidCursor));
  }

  static io.nodeward.kit.http.ProblemException invalidCursor() {
    return Problems.badRequest("INVALID_CURSOR", "cursor is not a cursor this service issued; start from the first page.");
  }

  String nodeId(String name) {
    String value = params.get(name);
    if (value != null && !Identifiers.isNodeId(value)) {
      throw Problems.badRequest("INVALID_NODE_ID", name + " must be a DNS label: a-z, 0-9 and inner '-', 1 to 63 characters.");
    }
    return value;
  }

  String userId(String name) {
    String value = params.get(name);
    if (value != null && !Identifiers.isUserId(value)) {
      throw Problems.badRequest("INVALID_USER_ID", name + " must be a Cognito sub or username (a-z A-Z 0-9 '-' '_').");
    }
    return value;
  }

  /** A serial in any spelling people copy, canonical. */
  String serial(String name) {
    String value = params.get(name);
    return value == null ? null : serialOf(value);
  }

  static String serialOf(String value) {
    return SerialNumbers.normalize(value).orElseThrow(() -> Problems.badRequest("INVALID_SERIAL",
        "A serial is hex, at most 40 significant digits, optionally with ':' or ' ' between octets (01:DE:AD)."));
  }

  /** {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 ({@code P7D}, {@code PT12H}); positive, at most ten years. */
  Duration duration(String name) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    Duration parsed = parseDuration(value);
    if (parsed == null || parsed.isNegative() || parsed.isZero() || parsed.compareTo(MAX_DURATION) > 0) {
      throw Problems.badRequest("INVALID_DURATION", name + " must be a positive duration such as 30m, 12h, 7d or P7D.");
    }
    return parsed;
  }

  private static Duration parseDuration(String value) {
    if (value.length() > 20) {
      return null;
    }
    try {
      if (value.startsWith("P") || value.startsWith("p")) {
        return Duration.parse(value);
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> null;
      };
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }
}
