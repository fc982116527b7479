package io.nodeward.kit.kafka;

import java.time.Duration;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same contract against Testcontainers' Kafka; skipped cleanly where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class EventFlowOnTestcontainersKafkaTest extends EventFlowContract {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.4.0");

  @Override
  KafkaSettings settings(String clientId) {
    return new KafkaSettings(KAFKA.getBootstrapServers(), clientId, Duration.ofSeconds(10), Duration.ofMillis(50));
  }
}
