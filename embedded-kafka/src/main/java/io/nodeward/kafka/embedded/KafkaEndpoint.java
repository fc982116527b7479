package io.nodeward.kafka.embedded;

/** A running Kafka that clients can reach: the in-process broker, a cluster, or a container. */
public interface KafkaEndpoint extends AutoCloseable {

    /** {@code host:port[,host:port...]} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Stops the Kafka and waits for it; calling it again does nothing. */
    @Override
    void close();
}
