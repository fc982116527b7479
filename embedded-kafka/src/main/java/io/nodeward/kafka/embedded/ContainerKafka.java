package io.nodeward.kafka.embedded;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in Docker through Testcontainers. Kept in its own class so that Testcontainers (an optional
 * dependency) is loaded only when someone asks for a container.
 */
public final class ContainerKafka implements KafkaEndpoint {

    private final KafkaContainer container;
    private boolean closed;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // closed by close()
    public static ContainerKafka start(String image) {
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "3");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            container.stop();
        }
    }
}
