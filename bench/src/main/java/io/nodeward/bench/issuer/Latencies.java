package io.nodeward.bench.issuer;

import java.util.Arrays;

/** Recorded latencies (nanoseconds) and their percentiles; sorted once, no histogram library needed. */
final class Latencies {

  private final long[] nanos;
  private int size;

  Latencies(int capacity) {
    this.nanos = new long[capacity];
  }

  synchronized void record(long value) {
    if (size < nanos.length) {
      nanos[size++] = value;
    }
  }

  synchronized int count() {
    return size;
  }

  /** Percentile in milliseconds (nearest rank). */
  synchronized double percentileMillis(double percentile) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * size) - 1;
    return sorted[Math.max(0, Math.min(size - 1, rank))] / 1_000_000.0;
  }

  String summary() {
    return String.format("p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms", percentileMillis(50), percentileMillis(99),
        percentileMillis(100));
  }
}
