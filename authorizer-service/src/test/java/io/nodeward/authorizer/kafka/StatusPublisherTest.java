package io.nodeward.authorizer.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.testing.AuthorizerFixture;
import io.nodeward.authorizer.testing.StatusReader;
import io.nodeward.authorizer.testing.TestPki.Issued;
import io.nodeward.events.AuthorizerStatus;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.Topics;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status topic as the issuer reads it: what an instance has applied, per partition, at its cadence and at
 * once after a revocation; STOPPING when it stops cleanly.
 */
class StatusPublisherTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();

  static Vertx vertx;
  static AuthorizerFixture fixture;
  static EventPublisher events;
  static KafkaProducer<String, byte[]> raw;
  static final EventCodec CODEC = new EventCodec();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fixture = new AuthorizerFixture();
    events = EventPublisher.create(vertx, KAFKA.settings("test-platform"), "/nodeward/issuer/test");
    Await.result(events.publish(new NodeProvisioned("node-1", "alice", "http://127.0.0.1:9", Instant.now(), "admin")));
    raw = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "acks", "all",
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));
  }

  @AfterAll
  static void stop() {
    raw.close();
    Await.result(events.close());
    Await.result(vertx.close());
  }

  /** Writes an event as the issuer does and answers where it landed. */
  static RecordMetadata write(EventData data) throws Exception {
    CloudEvent<EventData> event = CloudEvent.of("/nodeward/issuer/test", data, Instant.now());
    return raw.send(new ProducerRecord<>(event.topic().name(), event.key(), CODEC.encodeBytes(event))).get();
  }

  static AuthorizerService authorizer(String instance, Duration statusInterval) {
    Map<String, String> env = fixture.env(KAFKA.bootstrapServers(), fixture.dir.resolve(instance), Duration.ofSeconds(5),
        io.nodeward.authorizer.config.TlsEngine.AUTO);
    env.put("NODEWARD_AUTHORIZER_INSTANCE_ID", instance);
    env.put("NODEWARD_AUTHORIZER_STATUS_INTERVAL", statusInterval.toMillis() + "ms");
    return Await.result(AuthorizerService.start(vertx, fixture.config(env)));
  }

  static List<AuthorizerStatus> of(List<AuthorizerStatus> all, String instance) {
    return all.stream().filter(s -> s.instanceId().equals(instance)).toList();
  }

  @Test
  void anInstanceReportsEveryPartitionOfNodesAndCertificatesAtItsCadenceAndStoppingWhenItStops() {
    List<AuthorizerStatus> statuses = new CopyOnWriteArrayList<>();
    EventConsumer reader = Await.result(StatusReader.start(vertx, KAFKA.settings("status-reader-1"), statuses));
    AuthorizerService authorizer = authorizer("gw-cadence", Duration.ofMillis(100));
    Await.until("several statuses", () -> of(statuses, "gw-cadence").size() >= 4);
    AuthorizerStatus status = of(statuses, "gw-cadence").get(3);
    assertEquals(AuthorizerStatus.State.RUNNING, status.state());
    assertTrue(status.fresh());
    assertEquals(100, status.intervalMillis());
    assertEquals(3, status.applied().stream().filter(a -> a.topic().equals(Topics.CERTIFICATES.name())).count());
    assertEquals(3, status.applied().stream().filter(a -> a.topic().equals(Topics.NODES.name())).count());

    Await.result(authorizer.close());
    Await.until("STOPPING", () -> of(statuses, "gw-cadence").stream()
        .anyMatch(s -> s.state() == AuthorizerStatus.State.STOPPING));
    Await.result(reader.close());
  }

  @Test
  void aRevocationIsConfirmedAtOnceByAStatusPastItsOffsetAndTheListHasItBySo() throws Exception {
    Issued cert = fixture.pki.client("alice", "node-1");
    write(cert.issued());
    List<AuthorizerStatus> statuses = new CopyOnWriteArrayList<>();
    EventConsumer reader = Await.result(StatusReader.start(vertx, KAFKA.settings("status-reader-2"), statuses));
    // A cadence far longer than the test: only the publish right after applying can confirm in time.
    AuthorizerService authorizer = authorizer("gw-revoke", Duration.ofMinutes(10));
    try {
      Await.until("the first status", () -> !of(statuses, "gw-revoke").isEmpty());
      Instant startedAt = of(statuses, "gw-revoke").get(0).startedAt();
      RecordMetadata revoked = write(cert.revoked());

      Await.until("a status confirming the revocation", () -> of(statuses, "gw-revoke").stream()
          .anyMatch(s -> s.nextOffset(Topics.CERTIFICATES.name(), revoked.partition()) > revoked.offset()));
      AuthorizerStatus confirming = of(statuses, "gw-revoke").stream()
          .filter(s -> s.nextOffset(Topics.CERTIFICATES.name(), revoked.partition()) > revoked.offset())
          .findFirst().orElseThrow();
      assertTrue(confirming.reportedAt().isBefore(startedAt.plus(Duration.ofMinutes(10))),
          "confirmed by the status sent after applying, not by the cadence");
      assertTrue(authorizer.allowList().snapshot().certificate(cert.serial()).revoked(),
          "what a status confirms is in the snapshot that decides");
    } finally {
      Await.result(authorizer.close());
      Await.result(reader.close());
    }
  }
}
