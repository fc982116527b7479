package io.nodeward.issuer.kafka;

import io.nodeward.events.Topic;
import io.nodeward.events.Topics;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.LogPosition;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.kit.kafka.ConsumedEvent;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the issuer's view of nodes and certificates by reading the compacted topics from the beginning
 * (no consumer group, nothing committed: every instance reads everything), then keeps it live. The issuer
 * keeps no state of its own, so any number of instances can run.
 */
public final class StateReplay {

  private static final Logger LOG = LoggerFactory.getLogger(StateReplay.class);

  private final EventConsumer consumer;

  private StateReplay(EventConsumer consumer) {
    this.consumer = consumer;
  }

  /** Succeeds once every record that existed at start has been applied. */
  public static Future<StateReplay> start(Vertx vertx, KafkaSettings settings, NodeRegistry nodes,
      CertificateRegistry certificates) {
    long started = System.nanoTime();
    return EventConsumer.start(vertx, settings.withClientId(settings.clientId() + "-state"),
            ConsumerSpec.replay(Topics.NODES, Topics.CERTIFICATES), batch -> apply(batch, nodes, certificates))
        .compose(consumer -> consumer.awaitCaughtUp()
            .onSuccess(v -> LOG.info("Replayed {} event(s) in {} ms: {} node(s), {} certificate(s)",
                consumer.appliedEvents(), (System.nanoTime() - started) / 1_000_000, nodes.all().size(),
                certificates.size()))
            .recover(e -> consumer.close().transform(x -> Future.failedFuture(e)))
            .map(v -> new StateReplay(consumer)));
  }

  private static Future<Void> apply(List<ConsumedEvent> batch, NodeRegistry nodes, CertificateRegistry certificates) {
    for (ConsumedEvent consumed : batch) {
      nodes.applyFromLog(consumed.event());
      certificates.applyFromLog(consumed.event());
    }
    return Future.succeededFuture();
  }

  /**
   * For every partition of {@code topic}, the last record applied (one before the consumer's position), when
   * it has applied any.
   */
  public List<LogPosition> lastApplied(Topic topic) {
    return consumer.appliedPositions().entrySet().stream()
        .filter(e -> e.getKey().getTopic().equals(topic.name()) && e.getValue() > 0)
        .map(e -> new LogPosition(topic.name(), e.getKey().getPartition(), e.getValue() - 1))
        .toList();
  }

  public boolean running() {
    return consumer.running();
  }

  public String lastError() {
    return consumer.lastError();
  }

  public long appliedEvents() {
    return consumer.appliedEvents();
  }

  public Future<Void> close() {
    return consumer.close();
  }
}
