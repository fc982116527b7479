package io.nodeward.kit.kafka;

import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kafka.embedded.KafkaEndpoint;
import io.nodeward.kafka.embedded.KafkaForTests;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka per test class (in-process by default; Testcontainers with -Dnodeward.kafka=testcontainers
 * where Docker runs), with nodeward's topics created:
 * {@code @RegisterExtension static final KafkaTestKit KAFKA = new KafkaTestKit();}
 */
public final class KafkaTestKit implements BeforeAllCallback, AfterAllCallback {

  private KafkaEndpoint kafka;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    kafka = KafkaForTests.start();
    Vertx vertx = Vertx.vertx();
    try {
      TopicProvisioner.ensureTopics(vertx, settings("provisioner"), 1, 3)
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (kafka != null) {
      kafka.close();
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Settings for a client of this broker, with short timeouts so failing tests fail fast. */
  public KafkaSettings settings(String clientId) {
    return new KafkaSettings(bootstrapServers(), clientId, Duration.ofSeconds(10), Duration.ofMillis(50));
  }

  /** The in-process broker, for tests that stop and restart it (those need the in-process one). */
  public EmbeddedKafka broker() {
    if (kafka instanceof EmbeddedKafka embedded) {
      return embedded;
    }
    throw new IllegalStateException("this test stops and restarts the broker: run it on the in-process broker");
  }
}
