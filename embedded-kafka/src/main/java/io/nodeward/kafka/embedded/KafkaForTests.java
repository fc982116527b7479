package io.nodeward.kafka.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the Kafka an integration test runs against: the in-process broker by default, or the
 * apache/kafka image in Docker when {@code -Dnodeward.kafka=testcontainers} is given and a Docker
 * engine answers. Both are the same Kafka release, so a test passing on one is meaningful on the other.
 */
public final class KafkaForTests {

    public static final String SELECTOR_PROPERTY = "nodeward.kafka";
    public static final String IMAGE_PROPERTY = "nodeward.kafka.image";
    static final String DEFAULT_IMAGE = "apache/kafka:4.4.0";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaForTests.class);

    private KafkaForTests() {
    }

    /** A started Kafka; the caller closes it. */
    public static KafkaEndpoint start() {
        if ("testcontainers".equalsIgnoreCase(System.getProperty(SELECTOR_PROPERTY, "embedded"))) {
            if (ContainerKafka.dockerAvailable()) {
                return ContainerKafka.start(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
            }
            LOG.warn("{}=testcontainers but no Docker engine answers; using the in-process broker", SELECTOR_PROPERTY);
        }
        return EmbeddedKafka.startTemporary();
    }
}
