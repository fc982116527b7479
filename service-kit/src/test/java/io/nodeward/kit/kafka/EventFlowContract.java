package io.nodeward.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.Topics;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every broker nodeward runs on must do for the event flow: a CloudEvent published with vertx-kafka-client
 * is consumed, validated and decoded; a malformed record goes to the dead-letter topic and consumption goes on;
 * offsets are committed only after the handler succeeded, so a restart neither repeats nor skips.
 * Run against the in-process broker always and against Testcontainers' Kafka where Docker exists.
 */
abstract class EventFlowContract {

  private Vertx vertx;

  abstract KafkaSettings settings(String clientId);

  @BeforeEach
  void startVertx() throws Exception {
    vertx = Vertx.vertx();
    Await.result(TopicProvisioner.ensureTopics(vertx, settings("provisioner"), 1, 3));
  }

  @AfterEach
  void stopVertx() throws Exception {
    Await.result(vertx.close());
  }

  @Test
  void publishedEventIsConsumedValidatedAndDecoded() throws Exception {
    String group = "g-" + UUID.randomUUID();
    List<ConsumedEvent> seen = Collections.synchronizedList(new ArrayList<>());
    EventConsumer consumer = Await.result(EventConsumer.start(vertx, settings("c1"), ConsumerSpec.group(group, Topics.NODES),
        batch -> {
          seen.addAll(batch);
          return Future.succeededFuture();
        }));
    EventPublisher publisher = EventPublisher.create(vertx, settings("p1"), "/test");
    NodeProvisioned node = node("rt-" + shortId());
    CloudEvent<NodeProvisioned> published = Await.result(publisher.publish(node));

    ConsumedEvent received = eventually(() -> find(seen, published.id()));
    assertEquals(published, received.event());
    assertEquals(Topics.NODES.name(), received.topic());
    Await.result(consumer.close());
    Await.result(publisher.close());
  }

  @Test
  void malformedRecordGoesToTheDeadLetterTopicAndConsumptionContinues() throws Exception {
    String group = "g-" + UUID.randomUUID();
    List<ConsumedEvent> seen = Collections.synchronizedList(new ArrayList<>());
    EventConsumer consumer = Await.result(EventConsumer.start(vertx, settings("c2"), ConsumerSpec.group(group, Topics.NODES),
        batch -> {
          seen.addAll(batch);
          return Future.succeededFuture();
        }));
    String poisonKey = "poison-" + shortId();
    try (KafkaProducer<String, byte[]> raw = rawProducer()) {
      raw.send(new ProducerRecord<>(Topics.NODES.name(), poisonKey, "{\"not\":\"an event\"".getBytes(StandardCharsets.UTF_8))).get();
    }
    EventPublisher publisher = EventPublisher.create(vertx, settings("p2"), "/test");
    CloudEvent<NodeProvisioned> after = Await.result(publisher.publish(node("after-" + shortId())));

    eventually(() -> find(seen, after.id()));
    ConsumerRecord<String, byte[]> dead = eventually(() -> readDeadLetters().stream()
        .filter(r -> poisonKey.equals(r.key())).findFirst().orElse(null));
    assertEquals("{\"not\":\"an event\"", new String(dead.value(), StandardCharsets.UTF_8), "dead letter keeps the bytes");
    assertEquals(Topics.NODES.name(), header(dead, DeadLetterPublisher.HEADER_TOPIC));
    assertTrue(header(dead, DeadLetterPublisher.HEADER_REASON).contains("not JSON"));
    assertTrue(consumer.deadLettered() >= 1);
    Await.result(consumer.close());
    Await.result(publisher.close());
  }

  @Test
  void failedBatchIsRedeliveredAndRestartNeitherRepeatsNorSkips() throws Exception {
    String group = "g-" + UUID.randomUUID();
    EventPublisher publisher = EventPublisher.create(vertx, settings("p3"), "/test");
    String prefix = "n" + shortId();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(Await.result(publisher.publish(node(prefix + "-" + i))).id());
    }
    // First consumer: fails its first batch once, then applies only the first 10 events and stops.
    List<String> applied = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    EventConsumer first = Await.result(EventConsumer.start(vertx, settings("c3a"),
        ConsumerSpec.group(group, Topics.NODES).withMaxPollRecords(5).withRetryBackoff(Duration.ofMillis(50)),
        batch -> {
          if (failures.getAndIncrement() == 0) {
            return Future.failedFuture("simulated database outage");
          }
          batch.stream().map(e -> e.event().id()).filter(ids::contains).forEach(applied::add);
          return Future.succeededFuture();
        }));
    eventually(() -> applied.size() >= 10 ? true : null);
    Await.result(first.close());
    assertTrue(first.failedBatches() >= 1, "the failed batch was seen");

    // Second consumer in the same group picks up exactly where the committed offsets are.
    EventConsumer second = Await.result(EventConsumer.start(vertx, settings("c3b"), ConsumerSpec.group(group, Topics.NODES),
        batch -> {
          batch.stream().map(e -> e.event().id()).filter(ids::contains).forEach(applied::add);
          return Future.succeededFuture();
        }));
    eventually(() -> Set.copyOf(applied).containsAll(ids) ? true : null);
    Thread.sleep(300); // let any stray redelivery show up before counting
    Await.result(second.close());
    Map<String, Long> counts = applied.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertEquals(Set.copyOf(ids), counts.keySet(), "nothing skipped");
    assertTrue(counts.values().stream().allMatch(c -> c == 1), "nothing applied twice: " + counts);
    Await.result(publisher.close());
  }

  @Test
  void replayReadsEveryPartitionFromTheBeginningAndReportsCatchUp() throws Exception {
    EventPublisher publisher = EventPublisher.create(vertx, settings("p4"), "/test");
    List<String> ids = new ArrayList<>();
    for (int i : IntStream.range(0, 12).toArray()) {
      ids.add(Await.result(publisher.publish(node("rp" + shortId() + "-" + i))).id());
    }
    Set<String> seen = Collections.synchronizedSet(new java.util.HashSet<>());
    EventConsumer replay = Await.result(EventConsumer.start(vertx, settings("c4"), ConsumerSpec.replay(Topics.NODES),
        batch -> {
          batch.forEach(e -> seen.add(e.event().id()));
          return Future.succeededFuture();
        }));
    Await.result(replay.awaitCaughtUp());
    assertTrue(seen.containsAll(ids), "caught up means every existing event was applied");
    Map<org.apache.kafka.common.TopicPartition, Long> lag = Await.result(replay.lag().map(m -> m.entrySet().stream()
        .collect(Collectors.toMap(e -> new org.apache.kafka.common.TopicPartition(e.getKey().getTopic(),
            e.getKey().getPartition()), Map.Entry::getValue))));
    assertEquals(3, lag.size(), "every partition assigned");
    assertTrue(lag.values().stream().allMatch(l -> l == 0), "no lag after catch-up: " + lag);
    Await.result(replay.close());
    Await.result(publisher.close());
  }

  private static NodeProvisioned node(String nodeId) {
    return new NodeProvisioned(nodeId, "alice", "http://127.0.0.1:9000", Instant.now(), "admin");
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static ConsumedEvent find(List<ConsumedEvent> seen, String id) {
    synchronized (seen) {
      return seen.stream().filter(e -> e.event().id().equals(id)).findFirst().orElse(null);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private KafkaProducer<String, byte[]> rawProducer() {
    Properties p = new Properties();
    p.putAll(settings("raw").producerConfig());
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private List<ConsumerRecord<String, byte[]>> readDeadLetters() {
    Properties p = new Properties();
    p.putAll(settings("dlq-reader").consumerConfig(null, 500));
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<org.apache.kafka.common.TopicPartition> parts = c.partitionsFor(Topics.DEAD_LETTER.name()).stream()
          .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
      c.poll(Duration.ofSeconds(1)).forEach(all::add);
      return all;
    }
  }

  interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls until the probe returns non-null; fails after 30 s (a liveness bound, not a performance claim). */
  static <T> T eventually(Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(25);
    }
  }
}
