package io.nodeward.audit.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query strings of the log routes, strictly parsed: unknown or repeated parameters, malformed numbers and
 * impossible combinations are refused with a stable code before anything is looked up.
 */
public final class LogRequests {

  /** An event id as the envelope schema allows it: printable, no spaces, at most 256 characters. */
  private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7e]{1,256}");

  /** {@code treeSize} absent means "the newest checkpoint's size". */
  public record Inclusion(String eventId, String source, Long sequence, Long treeSize) {
  }

  public record Consistency(long from, Long to) {
  }

  private LogRequests() {
  }

  public static Inclusion inclusion(Map<String, List<String>> raw) {
    QueryParams p = new QueryParams(raw, Set.of("eventId", "source", "sequence", "treeSize"));
    String eventId = p.single("eventId");
    String source = p.single("source");
    Long sequence = p.positiveLong("sequence", "INVALID_SEQUENCE");
    Long treeSize = p.positiveLong("treeSize", "INVALID_TREE_SIZE");
    if ((eventId == null) == (sequence == null) || source != null && eventId == null) {
      throw new InvalidQueryException("INVALID_LEAF_SELECTOR", "give exactly one of 'eventId' (optionally with 'source') and 'sequence'");
    }
    if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
      throw new InvalidQueryException("INVALID_EVENT_ID", "'eventId' must be 1 to 256 printable characters without spaces");
    }
    if (source != null && (source.length() > 512 || !EVENT_ID.matcher(source.substring(0, Math.min(source.length(), 256))).matches())) {
      throw new InvalidQueryException("INVALID_SOURCE", "'source' must be an event source such as /nodeward/issuer/issuer-1");
    }
    if (sequence != null && treeSize != null && sequence > treeSize) {
      throw new InvalidQueryException("LEAF_NOT_IN_TREE", "record " + sequence + " is not in a tree of " + treeSize + " leaves");
    }
    return new Inclusion(eventId, source, sequence, treeSize);
  }

  public static Consistency consistency(Map<String, List<String>> raw) {
    QueryParams p = new QueryParams(raw, Set.of("from", "to"));
    Long from = p.positiveLong("from", "INVALID_TREE_SIZE");
    Long to = p.positiveLong("to", "INVALID_TREE_SIZE");
    if (from == null) {
      throw new InvalidQueryException("INVALID_TREE_SIZE", "'from' is required: the size of the tree you hold");
    }
    if (to != null && from > to) {
      throw new InvalidQueryException("FROM_AFTER_TO", "'from' (" + from + ") must not be after 'to' (" + to + ")");
    }
    return new Consistency(from, to);
  }

  /** {@code ?treeSize=} alone (checkpoint, log export); null means the newest. */
  public static Long treeSize(Map<String, List<String>> raw) {
    return new QueryParams(raw, Set.of("treeSize")).positiveLong("treeSize", "INVALID_TREE_SIZE");
  }

  /** {@code ?format=pem|note} of the key route; true for PEM. */
  public static boolean pemKey(Map<String, List<String>> raw) {
    String format = new QueryParams(raw, Set.of("format")).single("format");
    if (format == null || format.equals("note")) {
      return false;
    }
    if (format.equals("pem")) {
      return true;
    }
    throw new InvalidQueryException("INVALID_FORMAT", "'format' must be note or pem");
  }
}
