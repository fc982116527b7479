package io.nodeward.authorizer.domain;

import io.nodeward.events.Identifiers;
import java.util.Locale;

/**
 * The target of a gateway request, read from the raw (still percent-encoded) path {@code /nodes/{nodeId}/rest}.
 * Anything that could make the upstream see another path than the one we authorized is refused: dot
 * segments in any spelling ({@code ..}, {@code %2e%2e}), encoded separators ({@code %2f}, {@code %5c}),
 * backslashes and NULs, and a nodeId that is not exactly an identifier. Also what an upstream may read
 * differently from us (issue 13.11): {@code ;} path parameters in any spelling (Tomcat and Spring strip
 * {@code ..;} to {@code ..}) and any encoded {@code %} ({@code %25}): double encoding such as {@code %252e%252e},
 * {@code %252f} or {@code %25%32%65} becomes, after one decoding hop in front of the node, the dots and separators
 * refused above. A literal '%' in a node's path is the price.
 */
public record TargetPath(String nodeId, String rest) {

  private static final String PREFIX = "/nodes/";

  /** The parsed target, or null when the path is not a valid target (the caller answers INVALID_TARGET). */
  public static TargetPath parse(String rawPath) {
    if (rawPath == null || !rawPath.startsWith(PREFIX)) {
      return null;
    }
    int end = rawPath.indexOf('/', PREFIX.length());
    String nodeId = end < 0 ? rawPath.substring(PREFIX.length()) : rawPath.substring(PREFIX.length(), end);
    String rest = end < 0 ? "/" : rawPath.substring(end);
    if (!Identifiers.isNodeId(nodeId) || !safeRest(rest)) {
      return null;
    }
    return new TargetPath(nodeId, rest);
  }

  /** The node id segment alone, for the decision event of a refused path (null when it has none). */
  public static String nodeSegment(String rawPath) {
    if (rawPath == null || !rawPath.startsWith(PREFIX)) {
      return null;
    }
    int end = rawPath.indexOf('/', PREFIX.length());
    String segment = end < 0 ? rawPath.substring(PREFIX.length()) : rawPath.substring(PREFIX.length(), end);
    return Identifiers.isNodeId(segment) ? segment : null;
  }

  private static boolean safeRest(String rest) {
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || lower.indexOf('\\') >= 0
        || lower.indexOf('\0') >= 0) {
      return false;
    }
    if (lower.indexOf(';') >= 0 || lower.contains("%3b") || lower.contains("%25")) {
      return false;
    }
    for (String segment : lower.split("/", -1)) {
      String decodedDots = segment.replace("%2e", ".");
      if (decodedDots.equals(".") || decodedDots.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
