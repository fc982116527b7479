package io.nodeward.audit.domain;

import java.time.Instant;

/** How many events fell into one bucket for one group value ({@code key} null: events without that field). */
public record SummaryRow(Instant bucketStart, String key, long count) {
}
