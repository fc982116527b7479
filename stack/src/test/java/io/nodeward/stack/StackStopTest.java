package io.nodeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CanonicalJson;
import io.nodeward.events.EventSignature;
import io.nodeward.events.EventSigner;
import io.nodeward.events.Topics;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.EventKeyFiles;
import io.nodeward.kit.kafka.EventSigning;
import io.nodeward.identity.DevUsers;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM stops the whole stack cleanly in every state it can be in (issue 12.4): under load, right after a crash
 * and restart while the audit service is still catching up, and with its broker gone. The stack runs as its own
 * JVM and gets a real signal; the evidence is its exit status and its log: every component stopped in reverse
 * order of start, each named and within its own bound (no "did not stop within"), and no Kafka client still
 * talking to a broker after the broker is stopped. How long each stop took is logged for the report, never
 * asserted: the bound is the component timeouts.
 */
class StackStopTest {

  private static final Logger LOG = LoggerFactory.getLogger(StackStopTest.class);
  /** The JVM's exit status after a SIGTERM it handled with its shutdown hook: 128 + 15. */
  private static final int EXIT_ON_SIGTERM = 143;
  private static final List<String> SERVICES_IN_STOP_ORDER =
      List.of("audit", "authorizer", "demo node", "issuer", "dev identity provider", "console");
  private static final int BACKLOG = 20_000;

  @TempDir
  static Path tmp;
  static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    StackHarness.await(vertx.close(), "Vert.x to close");
  }

  @Test
  void sigtermUnderLoadStopsEveryComponentInReverseOrderWithinItsBound() throws Exception {
    Path data = tmp.resolve("under-load");
    try (StackProcess stack = StackProcess.start(StackHarness.testEnv(data), tmp.resolve("under-load.log"))) {
      try (GatewayLoad load = GatewayLoad.start(vertx, stack)) {
        load.awaitAnswers(500);
        stack.sigterm();
        assertEquals(EXIT_ON_SIGTERM, stack.awaitExit(), stack.tail());
        LOG.info("STACK STOP under load: {} ms after SIGTERM ({} answers served)", stack.millisFromSigtermToExit(), load.answers());
      }
      assertCleanStop(stack, true, "");
    }
  }

  @Test
  void sigtermRightAfterACrashAndRestartWhileTheAuditCatchesUpStopsCleanly() throws Exception {
    Path data = tmp.resolve("after-crash");
    Map<String, String> env = StackHarness.testEnv(data);
    try (StackProcess first = StackProcess.start(env, tmp.resolve("after-crash-1.log"))) {
      first.sigkill();
    }
    // While the stack is down, its broker's log gains a backlog the audit service has not stored yet.
    try (EmbeddedKafka broker = EmbeddedKafka.start(data.resolve("kafka"), 0)) {
      produceDecisions(broker.bootstrapServers(), BACKLOG, authorizerKey(data));
    }
    try (StackProcess second = StackProcess.start(env, tmp.resolve("after-crash-2.log"))) {
      second.sigterm(); // at once: the audit service is still working through the backlog
      assertEquals(EXIT_ON_SIGTERM, second.awaitExit(), second.tail());
      LOG.info("STACK STOP while the audit catches up on {} events: {} ms after SIGTERM", BACKLOG,
          second.millisFromSigtermToExit());
      assertCleanStop(second, true, "");
    }
  }

  @Test
  void sigtermWithTheBrokerGoneStopsCleanly() throws Exception {
    Path data = tmp.resolve("broker-gone");
    Map<String, String> env = StackHarness.testEnv(data);
    EmbeddedKafka broker = EmbeddedKafka.startTemporary();
    env.put("NODEWARD_KAFKA_BOOTSTRAP", broker.bootstrapServers());
    try (StackProcess stack = StackProcess.start(env, tmp.resolve("broker-gone.log"))) {
      broker.close();
      Thread.sleep(2_000); // the stack's clients notice and start reconnecting
      stack.sigterm();
      assertEquals(EXIT_ON_SIGTERM, stack.awaitExit(), stack.tail());
      LOG.info("STACK STOP with the broker gone: {} ms after SIGTERM", stack.millisFromSigtermToExit());
      // A service's own part may give up on the broker inside its bound (the audit's final checkpoint cannot be
      // published): reported by name, and the service still stops within the stack's bound.
      assertCleanStop(stack, false, "nodeward stack: ");
    } finally {
      broker.close();
    }
  }

  /**
   * Every service named as stopped, newest first, then the in-process broker; nothing passed over for hanging or
   * failing; and after the last component stopped, no Kafka client speaks again.
   */
  /** @param boundedLevel whose stops must all keep their bound: "" for every component, "nodeward stack: " for services */
  private static void assertCleanStop(StackProcess stack, boolean inProcessBroker, String boundedLevel) {
    List<String> stop = stack.linesFrom("nodeward stopping");
    assertTrue(!stop.isEmpty(), "the shutdown hook ran:\n" + stack.tail());
    String joined = String.join("\n", stop);
    LOG.info("The stack's stop:\n{}", joined);
    int at = -1;
    for (String component : inProcessBroker
        ? concat(SERVICES_IN_STOP_ORDER, "Kafka broker") : SERVICES_IN_STOP_ORDER) {
      int next = indexOf(stop, "nodeward stack: stopped " + component + " in ", at + 1);
      assertTrue(next > at, component + " is stopped, after the ones started after it:\n" + joined);
      at = next;
    }
    assertTrue(stop.stream().noneMatch(l -> l.contains(boundedLevel)
            && (l.contains("did not stop within") || l.contains("failed to stop"))),
        "every component stopped within its own bound:\n" + joined);
    int last = indexOf(stop, "nodeward stack: stopped " + (inProcessBroker ? 7 : 6) + " component(s)", 0);
    assertTrue(last >= 0, "the stack reports its stop:\n" + joined);
    List<String> after = stop.subList(last, stop.size());
    assertTrue(after.stream().noneMatch(l -> l.contains("org.apache.kafka") || l.contains("NetworkClient")
        || l.contains("Connection to node")), "no Kafka client talks after the stack stopped:\n" + joined);
    assertTrue(after.stream().anyMatch(l -> l.contains("nodeward stopped in")), "the process reports its stop:\n" + joined);
  }

  private static List<String> concat(List<String> list, String last) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>(list);
    all.add(last);
    return all;
  }

  private static int indexOf(List<String> lines, String text, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  /** The authorizer's event key the stack made under its data directory: the backlog must be believed. */
  private static EventSigner authorizerKey(Path data) {
    EventKeyFiles.KeyPairFiles files = EventKeyFiles.ensure(data.resolve("keys").resolve("events"), "authorizer");
    return EventSigning.fromEnv(Env.of(Map.of(EventSigning.SIGNING_KEY_VARIABLE, files.privateKey().toString()))).signer();
  }

  /**
   * Valid AccessDecided events, signed by the stack's authorizer key, written raw (signature over the RFC 8785
   * form) so the test does not depend on the record's constructor.
   */
  private static void produceDecisions(String bootstrap, int count, EventSigner signer) {
    Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "5",
        "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName());
    String now = Instant.now().toString();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < count; i++) {
        String id = UUID.randomUUID().toString();
        JsonObject data = new JsonObject().put("decisionId", id).put("method", "GET").put("path", "/nodes/demo-node-1/x")
            .put("targetNodeId", "demo-node-1").put("effect", "DENY").put("reason", "NO_IDENTITY")
            .put("clientAddress", "127.0.0.1").put("decidedAt", now).put("instanceId", "backlog");
        JsonObject event = new JsonObject().put("specversion", "1.0").put("id", id)
            .put("source", "/nodeward/authorizer/backlog").put("type", "io.nodeward.access.decided.v1")
            .put("subject", "demo-node-1").put("time", now).put("datacontenttype", "application/json").put("data", data);
        EventSignature signature = signer.sign(CanonicalJson.canonicalBytes(event.encode()));
        event.put(EventSignature.VALUE_ATTRIBUTE, signature.value()).put(EventSignature.KEY_ID_ATTRIBUTE, signature.keyId());
        producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), "demo-node-1", event.encode()));
      }
      producer.flush();
    }
  }

  /** Kept-alive mTLS requests through the gateway, sixteen in flight, until closed. */
  static final class GatewayLoad implements AutoCloseable {

    private final HttpClientAgent client;
    private final int port;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answers = new AtomicLong();

    private GatewayLoad(HttpClientAgent client, int port) {
      this.client = client;
      this.port = port;
    }

    static GatewayLoad start(Vertx vertx, StackProcess stack) throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      String token = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(stack.identityUrl + "/"))
          .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
          .header("Content-Type", "application/x-amz-json-1.1")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("AuthFlow", "USER_PASSWORD_AUTH")
              .put("ClientId", StackHarness.CLIENT_ID).put("AuthParameters", new JsonObject()
                  .put("USERNAME", DevUsers.ALICE.username()).put("PASSWORD", DevUsers.ALICE.password())).encode()))
          .build(), HttpResponse.BodyHandlers.ofString()).body())
          .getJsonObject("AuthenticationResult").getString("AccessToken");
      HttpResponse<String> issued = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + stack.issuerPort + "/generate-cert"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"nodeId\":\"demo-node-1\",\"keyAlgorithm\":\"EC_P256\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, issued.statusCode(), issued.body());
      JsonObject cert = new JsonObject(issued.body());
      String ca = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.issuerPort + "/v1/ca")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      HttpClientAgent client = vertx.httpClientBuilder()
          .with(new HttpClientOptions().setSsl(true).setKeepAlive(true)
              .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ca)))
              .setKeyCertOptions(new PemKeyCertOptions()
                  .setCertValue(Buffer.buffer(cert.getString("certificatePem")))
                  .setKeyValue(Buffer.buffer(cert.getString("privateKeyPem")))))
          .with(new PoolOptions().setHttp1MaxSize(8))
          .build();
      GatewayLoad load = new GatewayLoad(client, stack.gatewayPort);
      for (int i = 0; i < 16; i++) {
        load.next();
      }
      return load;
    }

    private void next() {
      if (!running.get()) {
        return;
      }
      client.request(HttpMethod.GET, port, "127.0.0.1", "/nodes/demo-node-1/hello")
          .compose(request -> request.send().compose(response -> response.body()))
          .onComplete(ar -> {
            if (ar.succeeded()) {
              answers.incrementAndGet();
              next();
            } else if (running.get()) {
              vertx().setTimer(50, id -> next()); // the stack is going away: keep trying, gently
            }
          });
    }

    private Vertx vertx() {
      return StackStopTest.vertx;
    }

    void awaitAnswers(long count) {
      Poll.until("the gateway to have answered " + count + " requests", answers::get, n -> n >= count);
    }

    long answers() {
      return answers.get();
    }

    @Override
    public void close() {
      running.set(false);
      StackHarness.await(client.close(), "the load client to close");
    }
  }
}
