package io.nodeward.authorizer.app;

import io.nodeward.events.AccessDecided;
import io.vertx.core.Future;

/** Where a decision is recorded before it takes effect: the request waits for the answer. */
@FunctionalInterface
public interface DecisionLog {

  /**
   * Records the decision; the future completes once it counts as recorded (durable, with durability
   * before-forward), or fails with {@link DecisionNotDurableException}, and the request must then not be carried out.
   */
  Future<Void> record(AccessDecided decision);
}
