package io.nodeward.issuer.kafka;

import io.nodeward.events.AuthorizerStatus;
import io.nodeward.events.Topics;
import io.nodeward.issuer.app.AuthorizerConfirmations;
import io.nodeward.kit.kafka.ConsumedEvent;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code nodeward.authorizer-status.v1} (every partition, no group: each issuer instance hears every
 * authorizer) and tells {@link AuthorizerConfirmations} what each instance has applied. The retained history
 * (an hour) is read first with each status taken as of its own report time, so instances that went away long
 * ago do not count as live; once caught up, a status counts as heard when it arrives.
 */
public final class AuthorizerStatusConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizerStatusConsumer.class);

  private final EventConsumer consumer;

  private AuthorizerStatusConsumer(EventConsumer consumer) {
    this.consumer = consumer;
  }

  /** Succeeds once subscribed; the history is read in the background and confirmations wait for it. */
  public static Future<AuthorizerStatusConsumer> start(Vertx vertx, KafkaSettings settings,
      AuthorizerConfirmations confirmations, Clock clock) {
    AtomicBoolean live = new AtomicBoolean();
    return EventConsumer.start(vertx, settings.withClientId(settings.clientId() + "-authorizer-status"),
            ConsumerSpec.replay(Topics.AUTHORIZER_STATUS), batch -> apply(batch, confirmations, clock, live))
        .onSuccess(consumer -> consumer.awaitCaughtUp().onSuccess(v -> {
          live.set(true);
          confirmations.caughtUp();
          LOG.info("Read the authorizer status history ({} status(es))", consumer.appliedEvents());
        }))
        .map(AuthorizerStatusConsumer::new);
  }

  private static Future<Void> apply(List<ConsumedEvent> batch, AuthorizerConfirmations confirmations, Clock clock,
      AtomicBoolean live) {
    for (ConsumedEvent consumed : batch) {
      if (consumed.event().data() instanceof AuthorizerStatus status) {
        confirmations.heard(status, live.get() ? clock.instant() : status.reportedAt());
      }
    }
    return Future.succeededFuture();
  }

  public boolean running() {
    return consumer.running();
  }

  public String lastError() {
    return consumer.lastError();
  }

  public Future<Void> close() {
    return consumer.close();
  }
}
