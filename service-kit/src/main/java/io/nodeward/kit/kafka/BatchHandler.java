package io.nodeward.kit.kafka;

import io.vertx.core.Future;
import java.util.List;

/**
 * Applies one polled batch of valid events. The consumer commits the batch's offsets only after the returned
 * Future succeeds; a failure re-delivers the same batch, so the effect must be idempotent per event id.
 */
@FunctionalInterface
public interface BatchHandler {

  Future<Void> handle(List<ConsumedEvent> batch);
}
