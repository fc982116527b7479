package io.nodeward.console.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelativeTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void timesReadAsPeopleSayThem() {
    assertEquals("in 6 days", Relative.from(NOW, NOW.plus(Duration.ofDays(6)).plusSeconds(30)));
    assertEquals("2 hours ago", Relative.from(NOW, NOW.minus(Duration.ofMinutes(150))));
    assertEquals("in 1 minute", Relative.from(NOW, NOW.plusSeconds(90)));
    assertEquals("now", Relative.from(NOW, NOW.minusSeconds(20)));
    assertEquals("3 months ago", Relative.from(NOW, NOW.minus(Duration.ofDays(95))));
    assertEquals("2026-11-30 12:00:00 UTC", Relative.utc(NOW));
    assertEquals("", Relative.utc(null));
  }
}
