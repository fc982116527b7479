package io.nodeward.kafka.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against Kafka's own Docker image; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaTest extends KafkaContract {

    private static ContainerKafka kafka;

    @BeforeAll
    static void startContainer() {
        kafka = ContainerKafka.start(System.getProperty(KafkaForTests.IMAGE_PROPERTY, KafkaForTests.DEFAULT_IMAGE));
    }

    @AfterAll
    static void stopContainer() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    KafkaEndpoint kafka() {
        return kafka;
    }
}
