package io.nodeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.EventType;
import io.nodeward.identity.DevUsers;
import io.nodeward.kafka.embedded.EmbeddedKafkaCluster;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault test: the stack on a three-broker Kafka cluster (topics replicated three times, two in sync
 * required), certificates issued, revoked and used through the gateway in a loop while one broker is stopped in
 * the middle and started again later. Afterwards every certificate the issuer answered 201 for, every
 * revocation it answered 200 for and every decision the gateway answered is in the audit trail exactly once, a
 * certificate whose issuance was not acknowledged (503) is never active, and the trail verifies.
 */
class BrokerFailureTest {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerFailureTest.class);
  private static final String NODE = "fault-node";
  private static final String ISSUED = EventType.CERTIFICATE_ISSUED.type();
  private static final String REVOKED = EventType.CERTIFICATE_REVOKED.type();
  private static final String DECIDED = EventType.ACCESS_DECIDED.type();
  private static final int CERTIFICATES = 30;
  private static final int STOPPED_BROKER = 1;

  @TempDir
  static Path dataDir;

  static EmbeddedKafkaCluster cluster;
  static StackHarness stack;
  static HttpServer upstream;

  /** What the clients were told, phase by phase; the audit trail is held to it afterwards. */
  private final Set<String> issued = new HashSet<>();
  private final Set<String> revoked = new HashSet<>();
  /** Revocations answered 503: revoked at the CA, recorded or not; either state is then acceptable. */
  private final Set<String> revocationsUnacknowledged = new HashSet<>();
  private final List<String> decisions = new ArrayList<>();
  private final Map<String, Integer> unacknowledgedByPhase = new TreeMap<>();
  private final Map<String, Integer> issuedByPhase = new TreeMap<>();
  private final Map<String, Integer> answers = new TreeMap<>();

  @BeforeAll
  static void startClusterAndStack() {
    cluster = EmbeddedKafkaCluster.start(3);
    Map<String, String> env = StackHarness.testEnv(dataDir);
    env.put("NODEWARD_KAFKA_BOOTSTRAP", cluster.bootstrapServers());
    env.put("NODEWARD_KAFKA_REPLICATION_FACTOR", "3");
    // An unacknowledged publish fails after 8 s instead of 30 s: the majority-loss test waits for it.
    env.put("NODEWARD_KAFKA_DELIVERY_TIMEOUT", "8s");
    stack = StackHarness.start(env);
    upstream = StackHarness.await(echoUpstream(stack), "the test's upstream to listen");
  }

  @AfterAll
  static void stopAll() {
    try {
      if (upstream != null) {
        StackHarness.await(upstream.close(), "the upstream to close");
      }
      if (stack != null) {
        stack.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void stoppingOneOfThreeBrokersWhileIssuingRevokingAndCallingLosesAndDuplicatesNothing() throws Exception {
    run(upstream.actualPort());
  }

  private void run(int upstreamPort) throws Exception {
    StackHarness.Session admin = stack.signIn(DevUsers.ADMIN);
    StackHarness.Session alice = stack.signIn(DevUsers.ALICE);
    StackHarness.Session auditor = stack.signIn(DevUsers.AUDITOR);
    StackHarness.Reply provisioned = stack.provisionNode(admin, NODE, alice.userId(), "http://127.0.0.1:" + upstreamPort);
    assertEquals(201, provisioned.status(), provisioned.toString());

    CompletableFuture<Void> stopping = null;
    CompletableFuture<Void> starting = null;
    String phase = "before";
    for (int i = 0; i < CERTIFICATES; i++) {
      if (i == 8) {
        phase = "stopping";
        stopping = CompletableFuture.runAsync(() -> cluster.stopBroker(STOPPED_BROKER));
      } else if (i == 16) {
        StackHarness.await(io.vertx.core.Future.fromCompletionStage(stopping), "broker " + STOPPED_BROKER + " to stop");
        assertFalse(cluster.isBrokerRunning(STOPPED_BROKER));
        phase = "down";
      } else if (i == 23) {
        phase = "restarting";
        starting = CompletableFuture.runAsync(() -> cluster.startBroker(STOPPED_BROKER));
      }
      step(stack, alice, phase, i);
    }
    StackHarness.await(io.vertx.core.Future.fromCompletionStage(starting), "broker " + STOPPED_BROKER + " to start");
    assertTrue(cluster.isBrokerRunning(STOPPED_BROKER));
    LOG.info("FAULT TEST: issued by phase {}, unacknowledged (503) by phase {}, revocations {} (+{} unacknowledged), "
        + "gateway answers {}", issuedByPhase, unacknowledgedByPhase, revoked.size(), revocationsUnacknowledged.size(),
        answers);
    assertTrue(issuedByPhase.getOrDefault("down", 0) > 0,
        "certificates were issued while the broker was down (two of three replicas in sync): " + issuedByPhase
            + ", 503s: " + unacknowledgedByPhase);

    List<JsonObject> trail = Poll.until("every answered issuance, revocation and decision in the audit trail",
        Duration.ofSeconds(60), () -> stack.auditEvents(auditor, "nodeId=" + NODE), this::complete);

    assertEquals(trail.size(), trail.stream().map(r -> r.getString("eventId")).distinct().count(),
        "no event stored twice");
    Map<String, Long> issuedEvents = countBy(trail, ISSUED, r -> r.getString("serial"));
    for (String serial : issued) {
      assertEquals(1L, issuedEvents.get(serial), "CertificateIssued for 201'd serial " + serial);
    }
    Map<String, Long> revokedEvents = countBy(trail, REVOKED, r -> r.getString("serial"));
    for (String serial : revoked) {
      assertEquals(1L, revokedEvents.get(serial), "CertificateRevoked for 200'd revocation of " + serial);
    }
    Map<String, Long> decided = countBy(trail, DECIDED, r -> r.getJsonObject("event").getJsonObject("data")
        .getString("decisionId"));
    for (String decisionId : decisions) {
      assertEquals(1L, decided.get(decisionId), "AccessDecided " + decisionId);
    }
    assertEquals(decisions.size(), decided.values().stream().mapToLong(Long::longValue).sum(),
        "exactly the decisions the gateway answered, nothing more");
    // An issuance the issuer did not acknowledge may have reached Kafka anyway; then it must be revoked too.
    for (String serial : issuedEvents.keySet()) {
      if (!issued.contains(serial)) {
        assertEquals(1L, revokedEvents.get(serial), "unacknowledged certificate " + serial + " was withdrawn");
      }
    }

    StackHarness.Reply active = stack.issuerGet("/v1/certificates?nodeId=" + NODE + "&status=active", alice);
    assertEquals(200, active.status(), active.toString());
    Set<String> activeSerials = active.json().getJsonArray("certificates").stream()
        .map(c -> ((JsonObject) c).getString("serialNumber")).collect(Collectors.toSet());
    Set<String> expectedActive = new HashSet<>(issued);
    expectedActive.removeAll(revoked);
    activeSerials.removeAll(revocationsUnacknowledged);
    expectedActive.removeAll(revocationsUnacknowledged);
    assertEquals(expectedActive, activeSerials,
        "active = acknowledged minus revoked; nothing answered 503 is active");

    JsonObject verdict = stack.verifyAudit(auditor);
    assertEquals(Boolean.TRUE, verdict.getBoolean("intact"), verdict.encodePrettily());
  }

  @Test
  void withTwoOfThreeBrokersDownTheIssuerRefusesWith503AndNothingItRefusedEverBecomesActive() {
    String node = "majority-node";
    StackHarness.Session admin = stack.signIn(DevUsers.ADMIN);
    StackHarness.Session alice = stack.signIn(DevUsers.ALICE);
    StackHarness.Session auditor = stack.signIn(DevUsers.AUDITOR);
    StackHarness.Reply provisioned = stack.provisionNode(admin, node, alice.userId(),
        "http://127.0.0.1:" + upstream.actualPort());
    assertEquals(201, provisioned.status(), provisioned.toString());
    JsonObject before = stack.issued(alice, new JsonObject().put("nodeId", node).put("keyAlgorithm", "EC_P256"));

    List<String> answered = new ArrayList<>();
    int refused = 0;
    try (GatewayClient client = stack.gateway(before.getString("certificatePem"), before.getString("privateKeyPem"))) {
      answered.add(decisionOf(client.get("/nodes/" + node + "/before-outage")));
      cluster.stopBroker(1);
      cluster.stopBroker(2);
      try {
        for (int i = 0; i < 2; i++) {
          StackHarness.Reply reply = stack.issuerPost("/generate-cert", alice,
              new JsonObject().put("nodeId", node).put("keyAlgorithm", "EC_P256"));
          assertEquals(503, reply.status(), "one replica in sync of the two required: " + reply);
          assertEquals("EVENT_NOT_ACKNOWLEDGED", reply.code());
          assertFalse(reply.text().contains("BEGIN"), "no certificate or key handed out unacknowledged");
          refused++;
          // the gateway keeps deciding (and its decisions wait in the spool)
          answered.add(decisionOf(client.get("/nodes/" + node + "/during-outage/" + i)));
        }
      } finally {
        cluster.startBroker(1);
        cluster.startBroker(2);
      }
      answered.add(decisionOf(client.get("/nodes/" + node + "/after-outage")));
    }
    // Once the brokers are back the issuer acknowledges again (a retry may still meet a shrunken ISR).
    JsonObject after = Poll.until("an acknowledged issuance after the brokers came back", Duration.ofSeconds(60),
        () -> stack.issuerPost("/generate-cert", alice, new JsonObject().put("nodeId", node).put("keyAlgorithm", "EC_P256")),
        reply -> reply.status() == 201).json();
    Set<String> acknowledged = Set.of(before.getString("serialNumber"), after.getString("serialNumber"));

    List<JsonObject> trail = Poll.until("the decisions spooled during the outage in the audit trail",
        Duration.ofSeconds(60), () -> stack.auditEvents(auditor, "nodeId=" + node),
        records -> answered.stream().allMatch(id -> countBy(records, DECIDED, BrokerFailureTest::decisionIdOf)
            .getOrDefault(id, 0L) >= 1)
            && acknowledged.stream().allMatch(s -> countBy(records, ISSUED, r -> r.getString("serial")).containsKey(s)));
    Map<String, Long> decided = countBy(trail, DECIDED, BrokerFailureTest::decisionIdOf);
    for (String id : answered) {
      assertEquals(1L, decided.get(id), "decision " + id + " audited exactly once");
    }
    assertEquals(answered.size(), decided.size(), "no decision the gateway did not answer");
    Map<String, Long> issuedEvents = countBy(trail, ISSUED, r -> r.getString("serial"));
    Map<String, Long> revokedEvents = countBy(trail, REVOKED, r -> r.getString("serial"));
    for (Map.Entry<String, Long> e : issuedEvents.entrySet()) {
      assertEquals(1L, e.getValue(), "issued once: " + e.getKey());
      if (!acknowledged.contains(e.getKey())) {
        assertEquals(1L, revokedEvents.get(e.getKey()), "a refused issuance that reached Kafka is withdrawn");
      }
    }

    StackHarness.Reply active = stack.issuerGet("/v1/certificates?nodeId=" + node + "&status=active", alice);
    assertEquals(200, active.status(), active.toString());
    assertEquals(acknowledged, active.json().getJsonArray("certificates").stream()
            .map(c -> ((JsonObject) c).getString("serialNumber")).collect(Collectors.toSet()),
        "only the acknowledged certificates are active; the " + refused + " refused ones are not");
    JsonObject verdict = stack.verifyAudit(auditor);
    assertEquals(Boolean.TRUE, verdict.getBoolean("intact"), verdict.encodePrettily());
  }

  private static String decisionOf(GatewayClient.Answer answer) {
    LOG.info("MAJORITY-LOSS TEST: gateway answered {} {}", answer.status(), answer.status() == 200 ? "" : answer.code());
    String id = answer.status() == 200 ? answer.json().getString("decision")
        : answer.json() == null ? null : answer.json().getString("decisionId");
    assertNotNull(id, "every gateway answer names its decision: " + answer);
    return id;
  }

  private static String decisionIdOf(JsonObject record) {
    return record.getJsonObject("event").getJsonObject("data").getString("decisionId");
  }

  /** One certificate: issue it, call with it, revoke every fifth and call again; 30 issuances, 60 calls. */
  private void step(StackHarness stack, StackHarness.Session alice, String phase, int i) {
    StackHarness.Reply reply = stack.issuerPost("/generate-cert", alice, new JsonObject().put("nodeId", NODE)
        .put("keyAlgorithm", i % 3 == 0 ? "RSA_2048" : "EC_P256"));
    if (reply.status() == 503) {
      assertEquals("EVENT_NOT_ACKNOWLEDGED", reply.code(), reply.toString());
      assertFalse(reply.text().contains("BEGIN"), "no certificate or key handed out unacknowledged");
      unacknowledgedByPhase.merge(phase, 1, Integer::sum);
      return;
    }
    assertEquals(201, reply.status(), "issuance " + i + " (" + phase + "): " + reply);
    issuedByPhase.merge(phase, 1, Integer::sum);
    JsonObject cert = reply.json();
    String serial = cert.getString("serialNumber");
    issued.add(serial);
    try (GatewayClient client = stack.gateway(cert.getString("certificatePem"), cert.getString("privateKeyPem"))) {
      call(client, phase, i);
      if (i % 5 == 4) {
        StackHarness.Reply revoke = stack.revoke(alice, serial, "KEY_COMPROMISE");
        if (revoke.status() == 200) {
          revoked.add(serial);
        } else {
          assertEquals(503, revoke.status(), "revocation " + i + " (" + phase + "): " + revoke);
          revocationsUnacknowledged.add(serial);
        }
      }
      call(client, phase, i);
    }
  }

  private void call(GatewayClient client, String phase, int i) {
    GatewayClient.Answer answer = client.get("/nodes/" + NODE + "/call/" + i);
    String decisionId = answer.status() == 200
        ? answer.json().getString("decision")
        : answer.json() == null ? null : answer.json().getString("decisionId");
    assertNotNull(decisionId, "every gateway answer names its decision (" + phase + "): " + answer);
    decisions.add(decisionId);
    answers.merge(answer.status() + (answer.status() == 200 ? "" : " " + answer.code()), 1, Integer::sum);
  }

  private boolean complete(List<JsonObject> trail) {
    Set<String> seen = new HashSet<>();
    for (JsonObject r : trail) {
      String type = r.getString("type");
      if (DECIDED.equals(type)) {
        seen.add("decision:" + r.getJsonObject("event").getJsonObject("data").getString("decisionId"));
      } else if (ISSUED.equals(type) || REVOKED.equals(type)) {
        seen.add(type + ":" + r.getString("serial"));
      }
    }
    return decisions.stream().allMatch(d -> seen.contains("decision:" + d))
        && issued.stream().allMatch(s -> seen.contains(ISSUED + ":" + s))
        && revoked.stream().allMatch(s -> seen.contains(REVOKED + ":" + s));
  }

  private static Map<String, Long> countBy(List<JsonObject> trail, String type,
      java.util.function.Function<JsonObject, String> key) {
    return trail.stream().filter(r -> type.equals(r.getString("type")))
        .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
  }

  /** The node behind the gateway: echoes the decision id the gateway attached, so allowed calls can be traced. */
  private static io.vertx.core.Future<HttpServer> echoUpstream(StackHarness stack) {
    return stack.vertx.createHttpServer()
        .requestHandler(request -> request.response()
            .putHeader("content-type", "application/json")
            .end(new JsonObject()
                .put("decision", request.getHeader("X-Nodeward-Decision"))
                .put("user", request.getHeader("X-Nodeward-User"))
                .encode()))
        .listen(0, "127.0.0.1");
  }
}
