package io.nodeward.authorizer.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.testing.AdminHttp;
import io.nodeward.authorizer.testing.AuthorizerFixture;
import io.nodeward.authorizer.testing.EchoUpstream;
import io.nodeward.authorizer.testing.MtlsClients;
import io.nodeward.authorizer.testing.Responses;
import io.nodeward.authorizer.testing.TestPki.Issued;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventType;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.Topics;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaSettings;
import io.nodeward.kit.kafka.TopicProvisioner;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away while requests keep coming: the allow-list goes stale and fails closed, health says
 * so, every decision lands in the spool; the authorizer restarts during the outage; when a broker comes back
 * on the same log directory, every decision reaches the decisions topic exactly once.
 */
class DecisionSpoolOutageTest {

  static Vertx vertx;
  static AuthorizerFixture fixture;
  static EchoUpstream upstream;
  static Path brokerDir;
  static EmbeddedKafka broker;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    fixture = new AuthorizerFixture();
    upstream = EchoUpstream.start(vertx);
    brokerDir = Files.createTempDirectory("authorizer-outage-broker");
    broker = EmbeddedKafka.start(brokerDir, 0);
    Await.result(TopicProvisioner.ensureTopics(vertx, settings("provisioner"), 1, 3));
  }

  @AfterAll
  static void stop() {
    upstream.close();
    Await.result(vertx.close());
    broker.close();
  }

  static KafkaSettings settings(String clientId) {
    return new KafkaSettings(broker.bootstrapServers(), clientId, Duration.ofSeconds(10), Duration.ofMillis(50));
  }

  /** The decision id of one gateway request: from the upstream's echo when allowed, from the problem when not. */
  static String request(HttpClient client, int port, String path, List<String> reasons) {
    Responses response = Await.result(Responses.get(client, port, path));
    if (response.status() == 200) {
      reasons.add("ALLOWED");
      return response.echoedHeaders().getString("x-nodeward-decision");
    }
    reasons.add(response.code());
    return response.json().getString("decisionId");
  }

  static JsonObject health(int adminPort) {
    AdminHttp.Answer answer = AdminHttp.call(adminPort, "GET", "/health", null);
    return answer.json().put("httpStatus", answer.status());
  }

  static long spooledLines(Path spoolDir) throws Exception {
    try (Stream<Path> files = Files.list(spoolDir)) {
      long lines = 0;
      for (Path file : files.toList()) {
        lines += Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
      }
      return lines;
    }
  }

  @Test
  void aStaleAllowListRecoversWhenTheBrokerReturnsWithoutARestart() throws Exception {
    int brokerPort = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
    EventPublisher events = EventPublisher.create(vertx, settings("platform-2"), "/test/platform");
    Await.result(events.publish(new NodeProvisioned("node-9", "bob", upstream.url(), Instant.now(), "admin")));
    Issued cert = fixture.pki.client("bob", "node-9");
    Await.result(events.publish(cert.issued()));
    Await.result(events.close());
    AuthorizerService authorizer = Await.result(AuthorizerService.start(vertx,
        fixture.config(broker.bootstrapServers(), fixture.dir.resolve("recovery-data"), Duration.ofMillis(1500))));
    HttpClient client = MtlsClients.with(vertx, cert, fixture.pki);
    List<String> reasons = new ArrayList<>();
    try {
      request(client, authorizer.gatewayPort(), "/nodes/node-9/a", reasons);
      broker.close();
      Await.until("stale", () -> health(authorizer.adminPort()).getInteger("httpStatus") == 503);
      request(client, authorizer.gatewayPort(), "/nodes/node-9/b", reasons);

      broker = EmbeddedKafka.start(brokerDir, brokerPort);
      Await.until("fresh again", () -> health(authorizer.adminPort()).getInteger("httpStatus") == 200);
      request(client, authorizer.gatewayPort(), "/nodes/node-9/c", reasons);
      assertEquals(List.of("ALLOWED", "ALLOWLIST_STALE", "ALLOWED"), reasons);
    } finally {
      client.close();
      Await.result(authorizer.close());
    }
  }

  @Test
  void decisionsMadeDuringAnOutageSurviveARestartAndArriveExactlyOnce() throws Exception {
    int brokerPort = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
    EventPublisher events = EventPublisher.create(vertx, settings("platform"), "/test/platform");
    Await.result(events.publish(new NodeProvisioned("node-1", "alice", upstream.url(), Instant.now(), "admin")));
    Issued cert = fixture.pki.client("alice", "node-1");
    Await.result(events.publish(cert.issued()));
    Await.result(events.close());

    Path dataDir = fixture.dir.resolve("outage-data");
    AuthorizerConfig config = fixture.config(broker.bootstrapServers(), dataDir, Duration.ofMillis(1500));
    AuthorizerService first = Await.result(AuthorizerService.start(vertx, config));
    HttpClient client = MtlsClients.with(vertx, cert, fixture.pki);
    List<String> ids = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    ids.add(request(client, first.gatewayPort(), "/nodes/node-1/before", reasons));
    Await.until("the first decision acknowledged by Kafka", () -> first.decisionRecorder().published() == 1);

    broker.close();
    for (int i = 0; i < 3; i++) {
      ids.add(request(client, first.gatewayPort(), "/nodes/node-1/during-" + i, reasons));
    }
    Await.until("health reports the stale allow-list", () -> health(first.adminPort()).getInteger("httpStatus") == 503);
    JsonObject down = health(first.adminPort());
    assertEquals("DOWN", down.getString("status"));
    assertTrue(down.getString("why").contains("ALLOWLIST_STALE"), down.encode());
    List<String> staleReasons = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(request(client, first.gatewayPort(), "/nodes/node-1/stale-" + i + "?token=secret", staleReasons));
    }
    assertEquals(List.of("ALLOWLIST_STALE", "ALLOWLIST_STALE", "ALLOWLIST_STALE"), staleReasons,
        "a stale allow-list fails closed");
    client.close();
    Await.result(first.close());

    assertEquals(ids.size() - 1, spooledLines(config.spoolDir()), "every decision made during the outage is on disk");
    broker = EmbeddedKafka.start(brokerDir, brokerPort);
    AuthorizerService second = Await.result(AuthorizerService.start(vertx, config));
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    Map<String, AccessDecided> byId = new ConcurrentHashMap<>();
    EventConsumer reader = Await.result(EventConsumer.start(vertx, settings("decision-reader"),
        ConsumerSpec.replay(Topics.DECISIONS), batch -> {
          batch.forEach(e -> {
            // Only this test's node: the other tests' decisions share the topic.
            if (e.event().data() instanceof AccessDecided d && "node-1".equals(d.targetNodeId())) {
              seen.computeIfAbsent(e.event().id(), k -> new AtomicInteger()).incrementAndGet();
              byId.put(e.event().id(), d);
            }
          });
          return Future.succeededFuture();
        }));
    Await.until("every decision on the topic", () -> seen.keySet().containsAll(ids));
    Await.until("the spool is delivered", () -> second.decisionRecorder().backlogEvents() == 0);
    Await.result(reader.awaitCaughtUp());

    for (String id : ids) {
      assertEquals(1, seen.get(id).get(), "decision " + id + " delivered exactly once");
      assertEquals(id, byId.get(id).decisionId(), "the CloudEvent id is the decision id");
    }
    assertEquals(ids.size(), seen.size(), "no decision the test did not make");
    assertTrue(byId.values().stream().noneMatch(d -> d.path().contains("?")), "no query string in any event");
    try (Stream<Path> left = Files.list(config.spoolDir())) {
      assertEquals(0, left.count(), "delivered spool segments are deleted");
    }
    Await.result(reader.close());
    Await.result(second.close());
  }

  @Test
  void aSpoolTornByACrashMidWriteIsReadUpToItsLastWholeRecordTheRestSetAsideAndTheAuthorizerStarts() throws Exception {
    AuthorizerConfig config = fixture.config(broker.bootstrapServers(), fixture.dir.resolve("torn-data"),
        Duration.ofSeconds(5));
    Files.createDirectories(config.spoolDir());
    AccessDecided whole = new AccessDecided(UUID.randomUUID().toString(), null, null, null, "node-torn", "GET",
        "/nodes/node-torn/x", DecisionReason.UNKNOWN_CERTIFICATE.effect(), DecisionReason.UNKNOWN_CERTIFICATE,
        "10.0.0.1", null, Instant.now(), "authorizer-test");
    CloudEvent<AccessDecided> event = new CloudEvent<>(whole.decisionId(), "/nodeward/authorizer/authorizer-test",
        EventType.ACCESS_DECIDED, whole.decidedAt(), whole);
    Path segment = config.spoolDir().resolve("decisions-0000000000000001.jsonl");
    Files.writeString(segment, new EventCodec().encode(event) + "\n{\"specversion\":\"1.0\",\"id\":\"tor");

    AuthorizerService authorizer = Await.result(AuthorizerService.start(vertx, config));
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    EventConsumer reader = Await.result(EventConsumer.start(vertx, settings("torn-reader"),
        ConsumerSpec.replay(Topics.DECISIONS), batch -> {
          batch.forEach(e -> seen.computeIfAbsent(e.event().id(), k -> new AtomicInteger()).incrementAndGet());
          return Future.succeededFuture();
        }));
    try {
      Await.until("the whole record delivered", () -> seen.containsKey(whole.decisionId()));
      Await.until("the spool is delivered", () -> authorizer.decisionRecorder().backlogEvents() == 0);
      assertEquals(1, authorizer.decisionRecorder().unreadable(), "the torn record is reported");
      Path aside = segment.resolveSibling(segment.getFileName() + ".unreadable");
      assertEquals("{\"specversion\":\"1.0\",\"id\":\"tor\n", Files.readString(aside), "and kept aside");
      assertTrue(Files.notExists(segment), "the drained segment is gone");
    } finally {
      Await.result(reader.close());
      Await.result(authorizer.close());
    }
  }
}
