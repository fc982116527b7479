package io.nodeward.console.domain;

import java.time.Instant;

/** How many records fell into one time bucket for one group value ({@code key} null: records without that field). */
public record SummaryRow(Instant bucket, String key, long count) {
}
