package io.nodeward.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one authorizer instance has applied to its allow-list: for every partition of the nodes and certificates
 * topics, the offset of the next record it will apply. A record at offset {@code o} of partition {@code p} is in
 * the snapshot that decides the next request (on every connection) once {@code nextOffset > o}. Published at
 * least every {@code intervalMillis} and at once after applying a batch; the last one of a cleanly stopping
 * instance says {@code STOPPING}.
 */
public record AuthorizerStatus(
    String instanceId,
    Instant startedAt,
    Instant reportedAt,
    State state,
    boolean fresh,
    int intervalMillis,
    List<AppliedOffset> applied) implements EventData {

  public enum State { RUNNING, STOPPING }

  /** The next offset to apply of one partition of a topic. */
  public record AppliedOffset(String topic, int partition, long nextOffset) {

    public AppliedOffset {
      Objects.requireNonNull(topic, "topic");
      if (partition < 0 || nextOffset < 0) {
        throw new IllegalArgumentException("partition and offset must not be negative");
      }
    }
  }

  public AuthorizerStatus {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(reportedAt, "reportedAt");
    Objects.requireNonNull(state, "state");
    applied = List.copyOf(applied);
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("intervalMillis must be positive");
    }
  }

  /** The applied next offset of one partition, or -1 when this status does not name it. */
  public long nextOffset(String topic, int partition) {
    for (AppliedOffset offset : applied) {
      if (offset.partition() == partition && offset.topic().equals(topic)) {
        return offset.nextOffset();
      }
    }
    return -1;
  }

  /** Keyed by instance, so one instance's statuses stay in order. */
  @Override
  public String key() {
    return instanceId;
  }
}
