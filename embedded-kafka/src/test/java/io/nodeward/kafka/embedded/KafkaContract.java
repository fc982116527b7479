package io.nodeward.kafka.embedded;

import static io.nodeward.kafka.embedded.KafkaRoundTrip.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * What every Kafka our tests run against must do. The in-process broker and the Docker one run the
 * very same methods, so the two cannot drift apart.
 */
abstract class KafkaContract {

    /** The running Kafka under test, started once per class by the subclass. */
    abstract KafkaEndpoint kafka();

    @Test
    void recordsProducedWithAcksAllAreConsumedOnceEachAndInOrderPerKey() {
        String bootstrap = kafka().bootstrapServers();
        createTopic(bootstrap, "contract.roundtrip", 3, (short) 1, Map.of());
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            produce(producer, "contract.roundtrip", 0, 500);
        }

        List<ConsumerRecord<String, String>> received = consumeWithGroup(bootstrap, "contract-group", "contract.roundtrip", 500);

        assertEquals(500, received.size());
        assertEquals(expectedValues(0, 500), values(received));
        assertTrue(orderedPerKey(received), "records of one key came back out of order");
    }

    @Test
    void aGroupResumesAfterItsCommittedOffsetAndSeesOnlyNewRecords() {
        String bootstrap = kafka().bootstrapServers();
        createTopic(bootstrap, "contract.resume", 3, (short) 1, Map.of());
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            produce(producer, "contract.resume", 0, 20);
            consumeWithGroup(bootstrap, "resume-group", "contract.resume", 20);
            produce(producer, "contract.resume", 20, 30);
        }

        List<ConsumerRecord<String, String>> second = consumeWithGroup(bootstrap, "resume-group", "contract.resume", 10);

        assertEquals(expectedValues(20, 30), values(second));
        assertEquals(30, endOffsetSum(bootstrap, "contract.resume"));
    }

    @Test
    void topicsAreNotCreatedImplicitly() throws Exception {
        try (Admin admin = admin(kafka().bootstrapServers())) {
            String brokerId = Integer.toString(admin.describeCluster().nodes().get().iterator().next().id());
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, brokerId);
            String value = admin.describeConfigs(List.of(broker)).all().get().get(broker)
                    .get("auto.create.topics.enable").value();
            assertEquals("false", value);
        }
    }
}
