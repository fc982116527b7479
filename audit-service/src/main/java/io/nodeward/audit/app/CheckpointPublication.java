package io.nodeward.audit.app;

import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.VerifierKey;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Where signed checkpoints live besides the database: out of reach of whoever controls the database, so the
 * log can be checked against them at start (Kafka topic {@code nodeward.audit-checkpoints.v1}, kept forever).
 */
public interface CheckpointPublication {

  /** Succeeds once the signed note is durably published. */
  Future<Void> publish(String origin, long treeSize, byte[] rootHash, String note);

  /**
   * The newest checkpoint of {@code origin} published and signed by {@code key}; notes that do not verify are
   * passed over (and logged), since anyone able to write to the topic could put them there.
   */
  Future<Optional<Checkpoint>> newest(String origin, VerifierKey key);

  Future<Void> close();
}
