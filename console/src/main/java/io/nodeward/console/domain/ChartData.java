package io.nodeward.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summary rows laid out for a time chart: one x value per bucket over the whole range (empty buckets count 0, so
 * the chart shows quiet hours as quiet), and one series per group value. Pure: the rows and range go in, arrays
 * come out; the page hands them to uPlot and to a data table for people who do not see the chart.
 */
public record ChartData(List<Long> x, List<Series> series) {

  /** One line: a label and a count per bucket. */
  public record Series(String label, List<Long> values) {
    public long total() {
      return values.stream().mapToLong(Long::longValue).sum();
    }
  }

  /** {@code OTHER} collects the groups beyond the largest {@code maxSeries}; null keys read {@code (none)}. */
  public static final String OTHER = "other";
  public static final String NONE = "(none)";

  /**
   * @param fixed labels that always get a series, in this order (e.g. ALLOW, DENY), even when all zero
   */
  public static ChartData of(List<SummaryRow> rows, Instant from, Instant to, Duration bucket, List<String> fixed, int maxSeries) {
    List<Instant> buckets = new ArrayList<>();
    for (Instant t = floor(from, bucket); t.isBefore(to); t = t.plus(bucket)) {
      buckets.add(t);
    }
    Map<Instant, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < buckets.size(); i++) {
      index.put(buckets.get(i), i);
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    fixed.forEach(label -> counts.put(label, new long[buckets.size()]));
    for (SummaryRow row : rows) {
      Integer i = index.get(floor(row.bucket(), bucket));
      if (i == null) {
        continue;
      }
      String label = row.key() == null ? NONE : row.key();
      counts.computeIfAbsent(label, k -> new long[buckets.size()])[i] += row.count();
    }
    List<Series> series = new ArrayList<>();
    counts.forEach((label, values) -> series.add(new Series(label, toList(values))));
    if (fixed.isEmpty()) {
      series.sort(Comparator.comparingLong(Series::total).reversed().thenComparing(Series::label));
    }
    return new ChartData(buckets.stream().map(Instant::getEpochSecond).toList(), capped(series, maxSeries, buckets.size()));
  }

  public long total() {
    return series.stream().mapToLong(Series::total).sum();
  }

  private static List<Series> capped(List<Series> series, int max, int width) {
    if (series.size() <= max) {
      return series;
    }
    List<Series> kept = new ArrayList<>(series.subList(0, max - 1));
    long[] other = new long[width];
    for (Series s : series.subList(max - 1, series.size())) {
      for (int i = 0; i < width; i++) {
        other[i] += s.values().get(i);
      }
    }
    kept.add(new Series(OTHER, toList(other)));
    return kept;
  }

  private static Instant floor(Instant t, Duration bucket) {
    long width = bucket.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), width) * width);
  }

  private static List<Long> toList(long[] values) {
    List<Long> list = new ArrayList<>(values.length);
    for (long v : values) {
      list.add(v);
    }
    return list;
  }
}
