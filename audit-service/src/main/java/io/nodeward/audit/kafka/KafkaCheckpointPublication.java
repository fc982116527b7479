package io.nodeward.audit.kafka;

import io.nodeward.audit.app.CheckpointPublication;
import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.CloudEvent;
import io.nodeward.kit.kafka.EventPublisher;
import io.vertx.core.Future;
import java.time.Clock;

/** Publishes checkpoints on {@code nodeward.audit-checkpoints.v1} (kept forever), acknowledged by every in-sync replica. */
public final class KafkaCheckpointPublication implements CheckpointPublication {

  private final EventPublisher publisher;
  private final Clock clock;

  public KafkaCheckpointPublication(EventPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  @Override
  public Future<Void> publish(AuditCheckpoint checkpoint) {
    return publisher.publish(CloudEvent.of(publisher.source(), checkpoint, clock.instant()));
  }

  @Override
  public Future<Void> close() {
    return publisher.close();
  }
}
