package io.nodeward.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain kafka-clients helpers shared by every test that talks to a real Kafka, whichever kind. */
final class KafkaRoundTrip {

    private KafkaRoundTrip() {
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static void createTopic(String bootstrap, String topic, int partitions, short replication, Map<String, String> configs) {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replication).configs(configs))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("cannot create topic " + topic, e);
        }
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Sends {@code key-i -> value-i} for i in [from, to) and waits until Kafka acknowledged each one. */
    static void produce(KafkaProducer<String, String> producer, String topic, int from, int to) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            acks.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 7), "value-" + i)));
        }
        for (java.util.concurrent.Future<?> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError("a record was not acknowledged", e);
            }
        }
    }

    /** Polls with the group until {@code expected} records arrived, then commits them. */
    static List<ConsumerRecord<String, String>> consumeWithGroup(String bootstrap, String groupId, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, groupId)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = pollUntil(consumer, expected);
            consumer.commitSync();
            return received;
        }
    }

    /** Reads every partition from the beginning without a group (state replay), up to the end offsets. */
    static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            int expected = (int) end.values().stream().mapToLong(Long::longValue).sum();
            return pollUntil(consumer, expected);
        }
    }

    static long endOffsetSum(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        while (received.size() < expected) {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        return received;
    }

    static Set<String> values(Collection<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).collect(Collectors.toSet());
    }

    static Set<String> expectedValues(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "value-" + i).collect(Collectors.toSet());
    }

    /** Within a key, records must come back in the order they were sent (they share a partition). */
    static boolean orderedPerKey(List<ConsumerRecord<String, String>> records) {
        Map<String, Integer> last = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            int n = Integer.parseInt(record.value().substring("value-".length()));
            Integer previous = last.put(record.key(), n);
            if (previous != null && previous >= n) {
                return false;
            }
        }
        return true;
    }
}
