package io.nodeward.kafka.embedded;

import static io.nodeward.kafka.embedded.KafkaRoundTrip.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaClusterTest {

    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        long t0 = System.nanoTime();
        cluster = EmbeddedKafkaCluster.start(3);
        System.out.printf("EmbeddedKafkaCluster.start(3) took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stopCluster() {
        long t0 = System.nanoTime();
        cluster.close();
        System.out.printf("EmbeddedKafkaCluster.close took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void everyRecordAcknowledgedWhileABrokerIsDownIsConsumedExactlyOnce() throws Exception {
        String bootstrap = cluster.bootstrapServers();
        String topic = "fault.acks-all";
        createTopic(bootstrap, topic, 3, (short) 3, Map.of("min.insync.replicas", "2"));
        int victim = indexOfLeaderOfPartitionZero(bootstrap, topic);

        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            produce(producer, topic, 0, 1_000);

            long t0 = System.nanoTime();
            cluster.stopBroker(victim);
            System.out.printf("EmbeddedKafkaCluster.stopBroker took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertFalse(cluster.isBrokerRunning(victim));
            produce(producer, topic, 1_000, 2_000);
            assertTrue(replicaSetsMiss(bootstrap, topic, cluster.brokerNodeId(victim)),
                    "the stopped broker should have left every in-sync replica set");

            t0 = System.nanoTime();
            cluster.startBroker(victim);
            System.out.printf("EmbeddedKafkaCluster.startBroker took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            produce(producer, topic, 2_000, 2_500);
        }

        List<ConsumerRecord<String, String>> received = consumeWithGroup(bootstrap, "fault-group", topic, 2_500);

        assertEquals(expectedValues(0, 2_500), values(received));
        assertEquals(2_500, received.size(), "a record was delivered twice");
        assertEquals(2_500, endOffsetSum(bootstrap, topic), "the log holds a duplicate or lost a record");
        assertTrue(orderedPerKey(received), "records of one key came back out of order");
    }

    @Test
    void internalTopicsDefaultToThreeReplicas() throws Exception {
        String bootstrap = cluster.bootstrapServers();
        createTopic(bootstrap, "defaults.check", 1, (short) -1, Map.of());
        try (Admin admin = admin(bootstrap)) {
            TopicDescription description = admin.describeTopics(List.of("defaults.check")).allTopicNames().get().get("defaults.check");
            assertEquals(3, description.partitions().get(0).replicas().size());
        }
        assertEquals(3, cluster.brokerCount());
    }

    private static int indexOfLeaderOfPartitionZero(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            int leaderId = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().get(0).leader().id();
            for (int i = 0; i < cluster.brokerCount(); i++) {
                if (cluster.brokerNodeId(i) == leaderId) {
                    return i;
                }
            }
            throw new AssertionError("leader " + leaderId + " is not one of our brokers");
        }
    }

    private static boolean replicaSetsMiss(String bootstrap, String topic, int nodeId) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            for (TopicPartitionInfo partition : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
                if (partition.isr().stream().anyMatch(node -> node.id() == nodeId)) {
                    return false;
                }
            }
            return true;
        }
    }
}
