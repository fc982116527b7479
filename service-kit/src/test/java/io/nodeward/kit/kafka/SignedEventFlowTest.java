package io.nodeward.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventKeys;
import io.nodeward.events.EventSigner;
import io.nodeward.events.EventTrust;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.ProducerRole;
import io.nodeward.events.RejectionReason;
import io.nodeward.events.Topics;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kafka.embedded.KafkaPki;
import io.nodeward.kafka.embedded.NodewardAcls;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Services on a broker that authenticates them (TLS client certificates, SCRAM) and events they sign: a consumer
 * applies what a pinned producer of the right role signed, and nothing else, however the record got on the topic.
 * Every refused record goes to the dead-letter topic and to the consumer's rejection listener (the audit marker).
 */
class SignedEventFlowTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final EventSigner ISSUER_KEY = EventSigner.fromPkcs8(EventKeys.generatePkcs8());
  private static final EventSigner AUTHORIZER_KEY = EventSigner.fromPkcs8(EventKeys.generatePkcs8());
  private static final EventTrust TRUST = EventTrust.pinned(Map.of(
      ProducerRole.ISSUER, List.of(ISSUER_KEY.publicKey()), ProducerRole.AUTHORIZER, List.of(AUTHORIZER_KEY.publicKey())));

  private static KafkaPki pki;
  private static EmbeddedKafka kafka;
  private static Vertx vertx;
  private static EventConsumer consumer;
  private static final List<CloudEvent<?>> applied = Collections.synchronizedList(new ArrayList<>());
  private static final List<RejectedRecord> rejected = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws Exception {
    pki = KafkaPki.create();
    kafka = EmbeddedKafka.startSecured(pki);
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.superUserConfig())) {
      admin.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t.name(), 1, (short) 1)).toList()).all().get();
    }
    kafka.createAcls(NodewardAcls.forRole(ProducerRole.ISSUER, "issuer"));
    kafka.createAcls(NodewardAcls.forRole(ProducerRole.AUTHORIZER, "authorizer"));
    kafka.createAcls(NodewardAcls.forRole(ProducerRole.AUDIT, "audit"));
    kafka.addScramUser("audit", "audit-password");
    vertx = Vertx.vertx();
    consumer = Await.result(EventConsumer.start(vertx, settings("audit", null),
        ConsumerSpec.group("nodeward-audit-test", Topics.NODES, Topics.DECISIONS), batch -> {
          batch.forEach(e -> applied.add(e.event()));
          return Future.succeededFuture();
        }, CODEC, records -> {
          rejected.addAll(records);
          return Future.succeededFuture();
        }));
  }

  @AfterAll
  static void stop() {
    if (consumer != null) {
      Await.result(consumer.close());
    }
    Await.result(vertx.close());
    kafka.close();
  }

  /** A service's settings: its client certificate, its signing key (or none), the trusted producers. */
  private static KafkaSettings settings(String principal, EventSigner signer) {
    KafkaPki.Identity identity = pki.client(principal);
    return new KafkaSettings(kafka.bootstrapServers(), principal, Duration.ofSeconds(10), Duration.ofMillis(50),
        KafkaSecurity.mutualTls(pki.caPem(), identity.certificatePem(), identity.keyPem()), new EventSigning(signer, TRUST));
  }

  private static NodeProvisioned node(String id) {
    return new NodeProvisioned(id, "alice", "http://127.0.0.1:9000", Instant.now(), "admin");
  }

  private static void writeRaw(KafkaSettings credentials, String topic, String key, byte[] value) throws Exception {
    Properties properties = new Properties();
    properties.putAll(credentials.producerConfig());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static CloudEvent<?> appliedWithId(String id) throws Exception {
    return EventFlowContract.eventually(() -> {
      synchronized (applied) {
        return applied.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
      }
    });
  }

  private static RejectedRecord rejectionOf(String id) throws Exception {
    return EventFlowContract.eventually(() -> {
      synchronized (rejected) {
        return rejected.stream().filter(r -> id.equals(r.claimedId())).findFirst().orElse(null);
      }
    });
  }

  private static boolean wasApplied(String id) {
    synchronized (applied) {
      return applied.stream().anyMatch(e -> e.id().equals(id));
    }
  }

  @Test
  void anEventTheIssuerSignsIsApplied() throws Exception {
    EventPublisher publisher = EventPublisher.create(vertx, settings("issuer", ISSUER_KEY), "/nodeward/issuer/test");
    CloudEvent<NodeProvisioned> published = Await.result(publisher.publish(node("signed-" + UUID.randomUUID())));
    Await.result(publisher.close());
    CloudEvent<?> received = appliedWithId(published.id());
    assertEquals(ISSUER_KEY.keyId(), received.signature().keyId());
    assertEquals(published, received);
  }

  @Test
  void aForgedUnsignedNodeWrittenWithTheIssuersOwnCredentialsIsNotAppliedAndIsReported() throws Exception {
    CloudEvent<NodeProvisioned> forged = CloudEvent.of("/nodeward/issuer/test", node("forged-" + UUID.randomUUID()), Instant.now());
    writeRaw(settings("issuer", null), Topics.NODES.name(), forged.key(), CODEC.encodeBytes(forged));
    // a genuine event written after it is applied: the forgery neither applied nor blocking
    EventPublisher publisher = EventPublisher.create(vertx, settings("issuer", ISSUER_KEY), "/nodeward/issuer/test");
    CloudEvent<NodeProvisioned> genuine = Await.result(publisher.publish(node("after-forgery-" + UUID.randomUUID())));
    Await.result(publisher.close());
    appliedWithId(genuine.id());

    RejectedRecord marker = rejectionOf(forged.id());
    assertEquals(RejectionReason.UNSIGNED, marker.reason());
    assertEquals(Topics.NODES.name(), marker.topic());
    assertEquals("io.nodeward.node.provisioned.v1", marker.claimedType());
    assertEquals("/nodeward/issuer/test", marker.claimedSource());
    assertEquals(64, marker.sha256().length());
    assertTrue(!wasApplied(forged.id()), "the forged node was not applied");
    assertTrue(consumer.rejectedByReason().get(RejectionReason.UNSIGNED) >= 1);
  }

  @Test
  void anAuthorizerKeyCannotVouchForAnIssuersEventOnATopicItMayWrite() throws Exception {
    CloudEvent<IssuanceDenied> forged = CODEC.sign(CloudEvent.of("/nodeward/issuer/test",
        new IssuanceDenied("req-1", "alice", "node-x", IssuanceRefusal.NOT_OWNER, "forged", Instant.now()), Instant.now()),
        AUTHORIZER_KEY);
    writeRaw(settings("authorizer", null), Topics.DECISIONS.name(), forged.key(), CODEC.encodeBytes(forged));
    assertEquals(RejectionReason.WRONG_PRODUCER, rejectionOf(forged.id()).reason());
    assertTrue(!wasApplied(forged.id()));
  }

  @Test
  void anAlteredSignedEventIsNotApplied() throws Exception {
    CloudEvent<NodeProvisioned> signed = CODEC.sign(CloudEvent.of("/nodeward/issuer/test",
        node("altered-" + UUID.randomUUID()), Instant.now()), ISSUER_KEY);
    String altered = CODEC.encode(signed).replace("http://127.0.0.1:9000", "http://169.254.169.254");
    writeRaw(settings("issuer", null), Topics.NODES.name(), signed.key(), altered.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(RejectionReason.BAD_SIGNATURE, rejectionOf(signed.id()).reason());
    assertTrue(!wasApplied(signed.id()));
  }

  @Test
  void scramCredentialsFromKafkaSecurityReachTheBroker() throws Exception {
    KafkaSettings audit = new KafkaSettings(kafka.scramBootstrapServers(), "audit-scram", Duration.ofSeconds(10),
        Duration.ofMillis(50), KafkaSecurity.scram(pki.caPem(), "audit", "audit-password"), EventSigning.none());
    writeRaw(audit, Topics.AUDIT_CHECKPOINTS.name(), "k", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertNotNull(audit.security().toString());
    assertTrue(!audit.toString().contains("audit-password"), audit.toString());
  }
}
