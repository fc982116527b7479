package io.nodeward.audit.app;

import io.nodeward.events.AuditCheckpoint;
import io.vertx.core.Future;

/** Where signed checkpoints go besides the database: outside the reach of whoever controls the database. */
public interface CheckpointPublication {

  /** Succeeds once the checkpoint is durably published. */
  Future<Void> publish(AuditCheckpoint checkpoint);

  Future<Void> close();
}
