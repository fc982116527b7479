package io.nodeward.authorizer.testing;

import io.nodeward.events.AuthorizerStatus;
import io.nodeward.events.Topics;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** Reads every AuthorizerStatus on the status topic, in arrival order, as an issuer waiting for confirmations would. */
public final class StatusReader {

  private StatusReader() {
  }

  public static Future<EventConsumer> start(Vertx vertx, KafkaSettings settings, List<AuthorizerStatus> into) {
    return EventConsumer.start(vertx, settings, ConsumerSpec.replay(Topics.AUTHORIZER_STATUS), batch -> {
      batch.forEach(e -> {
        if (e.event().data() instanceof AuthorizerStatus status) {
          into.add(status);
        }
      });
      return Future.succeededFuture();
    });
  }
}
