package io.nodeward.console.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartDataTest {

  private static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-30T04:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void everyHourGetsABucketAndQuietHoursCountZero() {
    ChartData chart = ChartData.of(List.of(
        new SummaryRow(Instant.parse("2026-11-30T01:00:00Z"), "ALLOW", 5),
        new SummaryRow(Instant.parse("2026-11-30T03:00:00Z"), "DENY", 2)), FROM, TO, HOUR, List.of("ALLOW", "DENY"), 3);

    assertEquals(List.of(FROM.getEpochSecond(), FROM.plus(HOUR).getEpochSecond(), FROM.plus(HOUR.multipliedBy(2)).getEpochSecond(),
        FROM.plus(HOUR.multipliedBy(3)).getEpochSecond()), chart.x());
    assertEquals("ALLOW", chart.series().get(0).label());
    assertEquals(List.of(0L, 5L, 0L, 0L), chart.series().get(0).values());
    assertEquals(List.of(0L, 0L, 0L, 2L), chart.series().get(1).values());
    assertEquals(7, chart.total());
  }

  @Test
  void fixedSeriesAppearEvenWhenEmpty() {
    ChartData chart = ChartData.of(List.of(), FROM, TO, HOUR, List.of("ALLOW", "DENY"), 3);

    assertEquals(2, chart.series().size());
    assertEquals(0, chart.total());
  }

  @Test
  void groupsBeyondTheLargestGoToOtherAndMissingKeysReadNone() {
    ChartData chart = ChartData.of(List.of(
        new SummaryRow(FROM, "a", 10),
        new SummaryRow(FROM, "b", 7),
        new SummaryRow(FROM, "c", 1),
        new SummaryRow(FROM, null, 2),
        new SummaryRow(FROM.plus(HOUR), "d", 1)), FROM, TO, HOUR, List.of(), 3);

    assertEquals(List.of("a", "b", ChartData.OTHER), chart.series().stream().map(ChartData.Series::label).toList());
    assertEquals(List.of(3L, 1L, 0L, 0L), chart.series().get(2).values(), "c, (none) and d together");
    assertEquals(21, chart.total(), "nothing lost");
  }

  @Test
  void rowsOutsideTheRangeAreLeftOut() {
    ChartData chart = ChartData.of(List.of(new SummaryRow(TO, "ALLOW", 9)), FROM, TO, HOUR, List.of("ALLOW"), 3);

    assertEquals(0, chart.total());
  }
}
