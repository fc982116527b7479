package io.nodeward.audit.domain;

import io.nodeward.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts per (time bucket, group) over a bounded range: GET /v1/audit/summary. The range is bounded so one
 * request cannot ask for millions of buckets.
 */
public record SummaryQuery(GroupBy groupBy, Bucket bucket, Instant from, Instant to, Set<EventType> types, String userId) {

  public enum GroupBy {
    NODE("node_id"), USER("user_id"), EFFECT("effect"), REASON("reason"), TYPE("type");

    private final String column;

    GroupBy(String column) {
      this.column = column;
    }

    /** The stored column; a closed set, so safe to place in SQL. */
    public String column() {
      return column;
    }
  }

  public enum Bucket {
    HOUR(Duration.ofHours(1), Duration.ofDays(31)), DAY(Duration.ofDays(1), Duration.ofDays(366));

    private final Duration width;
    private final Duration maxRange;

    Bucket(Duration width, Duration maxRange) {
      this.width = width;
      this.maxRange = maxRange;
    }

    public Duration width() {
      return width;
    }

    public Duration maxRange() {
      return maxRange;
    }
  }

  private static final Set<String> PARAMETERS = Set.of("groupBy", "bucket", "from", "to", "type");

  public SummaryQuery {
    types = Set.copyOf(types);
    QueryParams.checkRange(from, to);
    if (Duration.between(from, to).compareTo(bucket.maxRange()) > 0) {
      throw new InvalidQueryException("RANGE_TOO_LARGE", "a summary by " + bucket.name().toLowerCase()
          + " covers at most " + bucket.maxRange().toDays() + " days");
    }
  }

  /** Parses GET /v1/audit/summary; without a range, the last day (hourly) or the last 30 days (daily). */
  public static SummaryQuery parse(Map<String, List<String>> params, Instant now) {
    QueryParams p = new QueryParams(params, PARAMETERS);
    String group = p.single("groupBy");
    if (group == null) {
      throw new InvalidQueryException("MISSING_GROUP_BY", "'groupBy' is required: node, user, effect, reason or type");
    }
    GroupBy groupBy = choose(GroupBy.class, group, "INVALID_GROUP_BY", "'groupBy' must be node, user, effect, reason or type");
    String bucketName = p.single("bucket");
    Bucket bucket = bucketName == null ? Bucket.DAY : choose(Bucket.class, bucketName, "INVALID_BUCKET", "'bucket' must be hour or day");
    Instant to = p.time("to");
    Instant from = p.time("from");
    if (to == null) {
      to = from != null ? from.plus(bucket == Bucket.HOUR ? Duration.ofDays(1) : Duration.ofDays(30)) : now.truncatedTo(ChronoUnit.SECONDS);
    }
    if (from == null) {
      from = to.minus(bucket == Bucket.HOUR ? Duration.ofDays(1) : Duration.ofDays(30));
    }
    return new SummaryQuery(groupBy, bucket, from, to, p.types(), null);
  }

  public SummaryQuery withUserId(String user) {
    return new SummaryQuery(groupBy, bucket, from, to, types, user);
  }

  private static <E extends Enum<E>> E choose(Class<E> type, String value, String code, String detail) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new InvalidQueryException(code, detail);
  }
}
