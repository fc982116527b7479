package io.nodeward.kit.kafka;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The event-flow contract against a real Kafka broker started in-process (KRaft, Kafka's own jars). */
class EventFlowOnEmbeddedKafkaTest extends EventFlowContract {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();

  @Override
  KafkaSettings settings(String clientId) {
    return KAFKA.settings(clientId);
  }
}
