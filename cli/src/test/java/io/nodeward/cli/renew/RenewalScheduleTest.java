package io.nodeward.cli.renew;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RenewalScheduleTest {

  private static final Instant T = Instant.parse("2026-11-30T00:00:00Z");

  @Test
  void renewsAtTwoThirdsOfTheLifetime() {
    assertEquals(T.plus(Duration.ofDays(4)), RenewalSchedule.dueAt(T, T.plus(Duration.ofDays(6))));
    assertEquals(T.plusSeconds(80), RenewalSchedule.dueAt(T, T.plusSeconds(120)));
  }

  @Test
  void theBackoffCeilingDoublesUpToFiveMinutesAndATenthOfWhatIsLeft() {
    Duration week = Duration.ofDays(7);
    assertEquals(Duration.ofSeconds(1), Backoff.ceiling(0, week));
    assertEquals(Duration.ofSeconds(8), Backoff.ceiling(3, week));
    assertEquals(Duration.ofMinutes(5), Backoff.ceiling(12, week));
    assertEquals(Duration.ofMinutes(5), Backoff.ceiling(63, week), "no overflow");
    assertEquals(Duration.ofSeconds(4), Backoff.ceiling(12, Duration.ofSeconds(40)), "a tenth of the time left");
    assertEquals(Duration.ofMillis(250), Backoff.ceiling(12, Duration.ofMillis(100)), "never below the floor");
  }

  @Test
  void theDelayIsJitteredBetweenTheFloorAndTheCeiling() {
    Duration ceiling = Backoff.ceiling(5, Duration.ofDays(1));
    assertEquals(Duration.ofMillis(250), new Backoff(() -> 0.0).delay(5, Duration.ofDays(1)));
    Duration high = new Backoff(() -> 0.999).delay(5, Duration.ofDays(1));
    assertTrue(high.compareTo(ceiling) <= 0 && high.compareTo(ceiling.minusMillis(100)) > 0, high.toString());
  }
}
