package io.nodeward.kit.kafka;

import io.vertx.core.Future;
import java.util.List;

/**
 * Told about every record of a batch that was not applied (after it went to the dead-letter topic, before the
 * batch's offsets are committed). A failed Future re-delivers the batch, so what the listener records is recorded
 * at least once: make it idempotent on (topic, partition, offset).
 */
@FunctionalInterface
public interface RejectionListener {

  RejectionListener NONE = records -> Future.succeededFuture();

  Future<Void> rejected(List<RejectedRecord> records);
}
