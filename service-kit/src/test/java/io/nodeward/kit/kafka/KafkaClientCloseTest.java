package io.nodeward.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.Topics;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service stopping after its broker has gone must not wait for the broker: closing a publisher aborts the send
 * in flight (instead of waiting out the producer's blocking and delivery timeouts), and closing a consumer does not
 * wait out Kafka's 30 s group-leave. How long each close took is logged, never asserted; what is asserted is how
 * the close ended the send it found in flight.
 */
class KafkaClientCloseTest {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaClientCloseTest.class);
  private Vertx vertx;
  private EmbeddedKafka kafka;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    kafka = EmbeddedKafka.startTemporary();
    Await.result(TopicProvisioner.ensureTopics(vertx, settings("provisioner"), 1, 1));
  }

  @AfterEach
  void stop() {
    kafka.close();
    Await.result(vertx.close());
  }

  /** Ten-minute timeouts: were a close to wait for them, this test would hang instead of passing. */
  private KafkaSettings settings(String id) {
    return new KafkaSettings(kafka.bootstrapServers(), id, Duration.ofMinutes(10), Duration.ofMillis(50));
  }

  @Test
  void closingAPublisherWithTheBrokerGoneAbortsTheSendInFlight() {
    // Its first send after the broker went: the producer has no metadata for the topic, so the send blocks on it
    // (as the audit service's final checkpoint did), and Vert.x's own close would queue behind it for max.block.ms.
    EventPublisher publisher = EventPublisher.create(vertx, settings("publisher"), "/nodeward/issuer/test");
    kafka.close();
    Future<?> inFlight = publisher.publish(new NodeProvisioned("after", "alice", "http://127.0.0.1:9000", Instant.now(), "admin"));

    long began = System.nanoTime();
    Await.result(publisher.close());
    LOG.info("publisher closed {} ms after the broker went", (System.nanoTime() - began) / 1_000_000);

    Throwable aborted = Await.failure(inFlight);
    assertFalse(aborted instanceof org.apache.kafka.common.errors.TimeoutException,
        "the send was aborted by the close, not timed out: " + aborted);
  }

  @Test
  void closingAGroupConsumerWithTheBrokerGoneEnds() {
    EventConsumer consumer = Await.result(EventConsumer.start(vertx, settings("consumer"),
        ConsumerSpec.group("nodeward-close-test", Topics.NODES), batch -> Future.succeededFuture()));
    assertTrue(consumer.running());
    kafka.close();
    long began = System.nanoTime();
    Await.result(consumer.close());
    LOG.info("consumer closed {} ms after the broker went", (System.nanoTime() - began) / 1_000_000);
    assertFalse(consumer.running());
  }
}
