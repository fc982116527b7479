package io.nodeward.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them: "in 6 days", "3 hours ago", and a fixed UTC form for tables. */
public final class Relative {

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Relative() {
  }

  public static String utc(Instant time) {
    return time == null ? "" : UTC.format(time);
  }

  /** "in 6 days" / "2 hours ago" / "now". */
  public static String from(Instant now, Instant time) {
    if (time == null) {
      return "";
    }
    Duration d = Duration.between(now, time);
    boolean future = !d.isNegative();
    String amount = amount(d.abs());
    if (amount == null) {
      return "now";
    }
    return future ? "in " + amount : amount + " ago";
  }

  private static String amount(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 60) {
      return null;
    }
    if (seconds < 3600) {
      return plural(seconds / 60, "minute");
    }
    if (seconds < 86_400) {
      return plural(seconds / 3600, "hour");
    }
    if (seconds < 86_400L * 60) {
      return plural(seconds / 86_400, "day");
    }
    return plural(seconds / (86_400L * 30), "month");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
