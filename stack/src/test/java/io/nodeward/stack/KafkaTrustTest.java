package io.nodeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.ProducerRole;
import io.nodeward.events.RejectionReason;
import io.nodeward.events.Topic;
import io.nodeward.events.Topics;
import io.nodeward.identity.DevUsers;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kafka.embedded.KafkaPki;
import io.nodeward.kafka.embedded.NodewardAcls;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.DeadLetterPublisher;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.1, end to end: the whole stack on a broker that requires TLS client certificates and enforces nodeward's
 * ACLs (KRaft's StandardAuthorizer), each service with its own certificate and its own event key. The authorizer's
 * principal cannot write nodes or certificates; and a forged, unsigned NodeProvisioned written with the issuer's own
 * Kafka credentials is applied by neither the issuer nor the gateway: each refuses it as UNSIGNED and dead-letters it,
 * the audit service included.
 */
class KafkaTrustTest {

  private static final String FORGED_NODE = "forged-node";

  @TempDir
  static Path dataDir;
  @TempDir
  static Path credentials;

  static KafkaPki pki;
  static EmbeddedKafka kafka;
  static StackHarness stack;
  static final Map<ProducerRole, KafkaPki.Identity> identities = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    pki = KafkaPki.create();
    kafka = EmbeddedKafka.startSecured(pki);
    Path ca = Files.writeString(credentials.resolve("ca.pem"), pki.caPem());
    StackConfig config = StackConfig.fromEnv(Env.of(withBroker(StackHarness.testEnv(dataDir))));
    for (ProducerRole role : ProducerRole.values()) {
      KafkaPki.Identity identity = pki.client(role.id());
      identities.put(role, identity);
      kafka.createAcls(NodewardAcls.forRole(role, role.id()));
      config = config.withServiceEnv(role, Map.of(
          "NODEWARD_KAFKA_SECURITY_PROTOCOL", "ssl",
          "NODEWARD_KAFKA_TLS_CA_PEM", ca.toString(),
          "NODEWARD_KAFKA_TLS_CERT_PEM", Files.writeString(credentials.resolve(role.id() + "-cert.pem"),
              identity.certificatePem()).toString(),
          "NODEWARD_KAFKA_TLS_KEY_PEM", Files.writeString(credentials.resolve(role.id() + "-key.pem"),
              identity.keyPem()).toString()));
    }
    stack = StackHarness.start(config);
  }

  private static Map<String, String> withBroker(Map<String, String> env) {
    env.put("NODEWARD_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    return env;
  }

  @AfterAll
  static void stop() {
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      kafka.close();
    }
  }

  private static Map<String, Object> clientOf(ProducerRole role) {
    Map<String, Object> config = new HashMap<>(EmbeddedKafka.tlsClientConfig(pki.caPem(), identities.get(role)));
    config.put("bootstrap.servers", kafka.bootstrapServers());
    config.put("acks", "all");
    config.put("max.block.ms", "15000");
    config.put("delivery.timeout.ms", "15000");
    config.put("request.timeout.ms", "10000");
    return config;
  }

  private static Throwable write(ProducerRole as, Topic topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clientOf(as), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  void theAuthorizersPrincipalCannotWriteNodesOrCertificates() {
    byte[] anything = "{}".getBytes(StandardCharsets.UTF_8);
    assertInstanceOf(TopicAuthorizationException.class, write(ProducerRole.AUTHORIZER, Topics.NODES, "n", anything));
    assertInstanceOf(TopicAuthorizationException.class, write(ProducerRole.AUTHORIZER, Topics.CERTIFICATES, "s", anything));
    assertInstanceOf(TopicAuthorizationException.class, write(ProducerRole.AUDIT, Topics.NODES, "n", anything));
  }

  @Test
  void aForgedUnsignedNodeWrittenWithTheIssuersCredentialsIsAppliedByNoService() {
    StackHarness.Session alice = stack.signIn(DevUsers.ALICE);
    CloudEvent<NodeProvisioned> forged = CloudEvent.of("/nodeward/issuer/forger",
        new NodeProvisioned(FORGED_NODE, alice.userId(), "http://127.0.0.1:" + stack.stack.demoNode().port(), Instant.now(),
            "admin"), Instant.now());
    assertNull(write(ProducerRole.ISSUER, Topics.NODES, FORGED_NODE, new EventCodec().encodeBytes(forged)),
        "the broker lets the issuer's principal write the nodes topic: the signature is the only guard left");

    // Every consumer of the nodes topic has read the forgery and dead-lettered it as unsigned...
    Set<String> refusedBy = Poll.until("the issuer, the authorizer and the audit service to dead-letter the forgery",
        Duration.ofSeconds(60), () -> deadLetteredBy(forged.id()),
        consumers -> consumers.stream().anyMatch(c -> c.startsWith("nodeward-issuer"))
            && consumers.stream().anyMatch(c -> c.startsWith("nodeward-authorizer"))
            && consumers.stream().anyMatch(c -> c.startsWith("nodeward-audit")));
    assertTrue(refusedBy.size() >= 3, refusedBy.toString());

    // ...and none applied it: the issuer does not know the node, so it issues nothing for it...
    assertTrue(stack.stack.issuer().nodes().find(FORGED_NODE).isEmpty(), "the issuer applied the forged node");
    StackHarness.Reply refused = stack.generateCert(alice, FORGED_NODE);
    assertEquals(404, refused.status(), refused.toString());
    // ...and the gateway's allow-list has no such node to let anyone through to.
    assertNull(stack.stack.authorizer().allowList().snapshot().node(FORGED_NODE), "the gateway applied the forged node");

    // The audit trail holds a marker for the refused record (where it was, why, its hash), never the record itself.
    StackHarness.Session auditor = stack.signIn(DevUsers.AUDITOR);
    List<JsonObject> markers = Poll.until("a marker for the forgery in the audit trail",
        () -> stack.auditEvents(auditor, "type=io.nodeward.audit.event-rejected.v1"),
        records -> records.stream().anyMatch(r -> forged.id().equals(r.getJsonObject("event").getJsonObject("data").getString("claimedId"))));
    JsonObject marker = markers.stream()
        .filter(r -> forged.id().equals(r.getJsonObject("event").getJsonObject("data").getString("claimedId"))).findFirst().orElseThrow();
    assertEquals("UNSIGNED", marker.getString("reason"));
    assertEquals(Topics.NODES.name(), marker.getJsonObject("event").getJsonObject("data").getString("topic"));
    assertTrue(stack.auditEvents(auditor, "type=io.nodeward.node.provisioned.v1&nodeId=" + FORGED_NODE).isEmpty(),
        "the forged event itself is not in the trail");
  }

  @Test
  void genuineEventsStillFlowSignedEndToEnd() {
    StackHarness.Session admin = stack.signIn(DevUsers.ADMIN);
    StackHarness.Session alice = stack.signIn(DevUsers.ALICE);
    assertEquals(201, stack.provisionNode(admin, "trusted-node", alice.userId(),
        "http://127.0.0.1:" + stack.stack.demoNode().port()).status());
    Poll.until("the gateway to know the signed node", () -> stack.stack.authorizer().allowList().snapshot().node("trusted-node"),
        node -> node != null);
    assertEquals(201, stack.generateCert(alice, "trusted-node").status());
  }

  /** The consumers (dead-letter header) that refused the event with this id as UNSIGNED. */
  private static Set<String> deadLetteredBy(String eventId) {
    Map<String, Object> config = new HashMap<>(kafka.superUserConfig());
    config.put("group.id", "dlq-reader-" + System.nanoTime());
    Set<String> consumers = new TreeSet<>();
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      reader.partitionsFor(Topics.DEAD_LETTER.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofSeconds(2))) {
        if (new String(record.value(), StandardCharsets.UTF_8).contains(eventId)
            && RejectionReason.UNSIGNED.name().equals(header(record, DeadLetterPublisher.HEADER_REJECTION))) {
          consumers.add(header(record, DeadLetterPublisher.HEADER_CONSUMER));
        }
      }
    }
    return consumers;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
