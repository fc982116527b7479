package io.nodeward.issuer.domain;

import java.util.Objects;

/** Where the log stored one record: its topic, partition and offset. */
public record LogPosition(String topic, int partition, long offset) {

  public LogPosition {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("partition and offset must not be negative");
    }
  }
}
