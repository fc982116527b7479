package io.nodeward.kafka.embedded;

import static io.nodeward.kafka.embedded.KafkaRoundTrip.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest extends KafkaContract {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        long t0 = System.nanoTime();
        kafka = EmbeddedKafka.startTemporary();
        System.out.printf("EmbeddedKafka.startTemporary took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stopBroker() {
        long t0 = System.nanoTime();
        kafka.close();
        System.out.printf("EmbeddedKafka.close took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    KafkaEndpoint kafka() {
        return kafka;
    }

    @Test
    void listensOnLoopbackOnly() {
        assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
    }

    @Test
    void restartOnTheSameDirectoryKeepsTopicsRecordsAndCommittedOffsets(@TempDir Path dir) {
        String firstBootstrap;
        try (EmbeddedKafka first = EmbeddedKafka.start(dir, 0)) {
            firstBootstrap = first.bootstrapServers();
            createTopic(firstBootstrap, "restart.kept", 3, (short) 1, Map.of());
            try (KafkaProducer<String, String> producer = producer(firstBootstrap)) {
                produce(producer, "restart.kept", 0, 100);
            }
            consumeWithGroup(firstBootstrap, "restart-group", "restart.kept", 100);
        }
        assertTrue(Files.exists(dir.resolve("meta.properties")));

        long t0 = System.nanoTime();
        try (EmbeddedKafka second = EmbeddedKafka.start(dir, 0)) {
            System.out.printf("EmbeddedKafka restart on an existing directory took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            String bootstrap = second.bootstrapServers();
            List<ConsumerRecord<String, String>> replayed = readAll(bootstrap, "restart.kept");
            assertEquals(100, replayed.size());
            assertEquals(expectedValues(0, 100), values(replayed));

            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                produce(producer, "restart.kept", 100, 110);
            }
            List<ConsumerRecord<String, String>> resumed = consumeWithGroup(bootstrap, "restart-group", "restart.kept", 10);
            assertEquals(expectedValues(100, 110), values(resumed));
        }
    }

    @Test
    void aFixedPortIsHonouredAndCloseIsIdempotent(@TempDir Path dir) {
        int port = Ports.free();
        EmbeddedKafka fixed = EmbeddedKafka.start(dir, port);
        try {
            assertEquals("127.0.0.1:" + port, fixed.bootstrapServers());
        } finally {
            fixed.close();
            fixed.close();
        }
    }

    @Test
    void temporaryBrokersGetTheirOwnDirectoryAndPortAndRemoveTheDirectoryOnClose() {
        Path dir;
        try (EmbeddedKafka other = EmbeddedKafka.startTemporary(Map.of("auto.create.topics.enable", "true"))) {
            dir = other.dataDir();
            assertNotEquals(kafka.bootstrapServers(), other.bootstrapServers());
            assertTrue(Files.exists(dir.resolve("meta.properties")));
            // the override is applied: producing to an unknown topic creates it
            try (KafkaProducer<String, String> producer = producer(other.bootstrapServers())) {
                produce(producer, "auto.created", 0, 3);
            }
            assertEquals(3, readAll(other.bootstrapServers(), "auto.created").size());
        }
        assertFalse(Files.exists(dir));
    }
}
