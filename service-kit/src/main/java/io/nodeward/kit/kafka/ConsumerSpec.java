package io.nodeward.kit.kafka;

import io.nodeward.events.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to consume and how.
 *
 * @param topics the topics to read
 * @param groupId a consumer group whose offsets are committed after each applied batch; or null to read every
 *     partition from the beginning without a group (state replay: each instance sees everything)
 * @param maxPollRecords the largest batch handed to the handler
 * @param retryBackoff pause before a failed batch is re-delivered
 */
public record ConsumerSpec(List<Topic> topics, String groupId, int maxPollRecords, Duration retryBackoff) {

  public ConsumerSpec {
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("no topics");
    }
    if (maxPollRecords < 1) {
      throw new IllegalArgumentException("maxPollRecords must be positive");
    }
    Objects.requireNonNull(retryBackoff, "retryBackoff");
  }

  /** Committed group consumption: each event handled by one instance of the group. */
  public static ConsumerSpec group(String groupId, Topic... topics) {
    return new ConsumerSpec(List.of(topics), Objects.requireNonNull(groupId), 500, Duration.ofMillis(500));
  }

  /** Replay from the beginning, no commits: for state every instance rebuilds (allow-list, registries). */
  public static ConsumerSpec replay(Topic... topics) {
    return new ConsumerSpec(List.of(topics), null, 500, Duration.ofMillis(500));
  }

  public ConsumerSpec withMaxPollRecords(int max) {
    return new ConsumerSpec(topics, groupId, max, retryBackoff);
  }

  public ConsumerSpec withRetryBackoff(Duration backoff) {
    return new ConsumerSpec(topics, groupId, maxPollRecords, backoff);
  }

  public boolean replaying() {
    return groupId == null;
  }
}
