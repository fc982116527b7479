package io.nodeward.authorizer.app;

import io.nodeward.events.CloudEvent;
import io.vertx.core.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The port to the event log that decision events are delivered to (Kafka's decisions topic). */
public interface DecisionTransport {

  /**
   * Queues {@code event} for delivery. When its turn comes, it is handed to the log only if {@code stillWanted}
   * still says so (it may have been spooled meanwhile); {@code done} then receives null once the log acknowledged
   * it, or the failure. {@code done} may run on any thread and is not called for an event that was skipped.
   */
  void send(CloudEvent<?> event, BooleanSupplier stillWanted, Consumer<Exception> done);

  /** Gives up on whatever is not acknowledged yet and releases the connection. */
  Future<Void> close();
}
