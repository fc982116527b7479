package io.nodeward.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class KafkaForTestsTest {

    @Test
    void theInProcessBrokerIsChosenUnlessDockerIsAskedFor() {
        String previous = System.clearProperty(KafkaForTests.SELECTOR_PROPERTY);
        try (KafkaEndpoint kafka = KafkaForTests.start()) {
            assertInstanceOf(EmbeddedKafka.class, kafka);
        } finally {
            if (previous != null) {
                System.setProperty(KafkaForTests.SELECTOR_PROPERTY, previous);
            }
        }
    }
}
