package io.nodeward.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaForTestsTest {

    private final String previous = System.getProperty(KafkaForTests.SELECTOR_PROPERTY);

    @AfterEach
    void restoreSelector() {
        if (previous == null) {
            System.clearProperty(KafkaForTests.SELECTOR_PROPERTY);
        } else {
            System.setProperty(KafkaForTests.SELECTOR_PROPERTY, previous);
        }
    }

    @Test
    void theInProcessBrokerIsChosenUnlessDockerIsAskedFor() {
        System.clearProperty(KafkaForTests.SELECTOR_PROPERTY);
        try (KafkaEndpoint kafka = KafkaForTests.start()) {
            assertInstanceOf(EmbeddedKafka.class, kafka);
        }
    }

    @Test
    void askingForDockerWhereNoEngineRunsFallsBackToTheInProcessBroker() {
        assumeFalse(ContainerKafka.dockerAvailable(), "a Docker engine answers here");
        System.setProperty(KafkaForTests.SELECTOR_PROPERTY, "testcontainers");
        try (KafkaEndpoint kafka = KafkaForTests.start()) {
            assertInstanceOf(EmbeddedKafka.class, kafka);
        }
    }

    @Test
    void askingForDockerWhereAnEngineRunsGivesAContainer() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ContainerKafka.dockerAvailable(), "no Docker engine here");
        System.setProperty(KafkaForTests.SELECTOR_PROPERTY, "testcontainers");
        try (KafkaEndpoint kafka = KafkaForTests.start()) {
            assertInstanceOf(ContainerKafka.class, kafka);
        }
    }
}
