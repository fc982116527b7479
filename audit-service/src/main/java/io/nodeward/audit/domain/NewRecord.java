package io.nodeward.audit.domain;

/** An incoming event with the sequence it is appended at (leaf {@code sequence - 1}): the unit the store inserts. */
public record NewRecord(long sequence, IncomingEvent event) {
}
