package io.nodeward.authorizer.app;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;

/**
 * The port to the on-disk backlog of decision events the event log has not acknowledged: appended in group
 * commits, drained segment by segment, oldest first, a segment forgotten only once all of it was delivered.
 */
public interface DecisionBacklog {

  /**
   * What one sealed segment holds: the events that could be read, and how many lines it had in all; the records
   * that could not be read ({@code unreadable}) have been set aside already.
   */
  record Segment(Path path, List<CloudEvent<EventData>> events, int lines, int unreadable) {
  }

  /** Queues the event; it reaches the disk with the next group commit. */
  void append(CloudEvent<AccessDecided> event);

  /**
   * Queues the event and answers once the group commit that wrote it has been fsync'd; fails with
   * {@link DecisionNotDurableException} when the backlog is full or the write failed (nothing is dropped silently).
   */
  Future<Void> appendDurably(CloudEvent<AccessDecided> event);

  /** Writes what is queued, seals the segment being written, and lists the sealed segments oldest first. */
  Future<List<Path>> sealForDrain();

  Future<Segment> read(Path segment);

  /** Forgets a segment whose every event was delivered. */
  Future<Void> delete(Segment segment);

  /** Writes what is queued and closes the segment being written. */
  Future<Void> close();

  /** Events on disk or queued for it. */
  long pendingEvents();

  long bytes();

  /** Events dropped because the backlog was full (total). */
  long dropped();

  /** True while nothing is on disk or queued. */
  default boolean isEmpty() {
    return pendingEvents() <= 0;
  }
}
