package io.nodeward.authorizer.testing;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.Topics;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;

/** Reads every AccessDecided on the decisions topic into a map by decision id, as the audit service would. */
public final class DecisionReader {

  private DecisionReader() {
  }

  public static Future<EventConsumer> start(Vertx vertx, KafkaSettings settings, Map<String, AccessDecided> into) {
    return EventConsumer.start(vertx, settings, ConsumerSpec.replay(Topics.DECISIONS), batch -> {
      batch.forEach(e -> {
        if (e.event().data() instanceof AccessDecided d) {
          into.put(d.decisionId(), d);
        }
      });
      return Future.succeededFuture();
    });
  }
}
