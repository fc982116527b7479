package io.nodeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.EventType;
import io.nodeward.identity.DevUsers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, "Done when": the embedded stack as its own JVM serves clients through the mTLS gateway with real client
 * certificates, one allowed and one revoked; it is killed with SIGKILL in the middle of the load and started again
 * on the same data directory. Every request a client saw allowed, and every 403 it saw, must then be in the audit
 * trail exactly once, and the trail must verify: a decision counts only once it is durable.
 *
 * <p>{@code -Dnodeward.crashTest.durability=async} runs the same test with decisions recorded asynchronously,
 * which is what the gateway did before durability before-forward: it then loses decisions and fails.
 */
class StackCrashTest {

  private static final Logger LOG = LoggerFactory.getLogger(StackCrashTest.class);
  private static final String DECIDED = EventType.ACCESS_DECIDED.type();
  private static final String NODE = DemoNode.NODE_ID;
  /** Answers to wait for before the kill: a few seconds of load on two shared cores. */
  private static final long ANSWERS_BEFORE_KILL = 1_500;

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
  void everyDecisionAClientSawSurvivesAKill9OfTheStackExactlyOnce() throws Exception {
    Path data = tmp.resolve("crash");
    Map<String, String> env = StackHarness.testEnv(data);
    env.put("NODEWARD_STACK_DEMO_NODE_PORT", Integer.toString(freePort())); // the node stays as provisioned
    String durability = System.getProperty("nodeward.crashTest.durability");
    if (durability != null) {
      env.put("NODEWARD_AUTHORIZER_DECISION_DURABILITY", durability);
    }

    Seen seen = new Seen();
    try (StackProcess first = StackProcess.start(env, tmp.resolve("crash-1.log"))) {
      Api api = new Api(first);
      String alice = api.signIn(DevUsers.ALICE);
      JsonObject active = api.issue(alice);
      JsonObject revoked = api.issue(alice);
      api.revoke(alice, revoked.getString("serialNumber"));
      String ca = api.ca();
      try (Load allowed = new Load(first.gatewayPort, ca, active, seen, "allowed", 12);
          Load refused = new Load(first.gatewayPort, ca, revoked, seen, "refused", 4)) {
        // The revocation is applied before the load counts: the refused client must see 403s only.
        Poll.until("the revocation to reach the gateway", () -> seen.refused.size(), n -> n > 0);
        Poll.until(ANSWERS_BEFORE_KILL + " answers through the gateway", Duration.ofSeconds(120),
            seen.answers::get, n -> n >= ANSWERS_BEFORE_KILL);
        first.sigkill(); // mid-load: requests are in flight in every stage
        allowed.stop();
        refused.stop();
      }
    }
    LOG.info("CRASH TEST: the clients saw {} allowed and {} refused before SIGKILL", seen.allowed.size(),
        seen.refused.size());
    assertTrue(seen.unexpected.isEmpty(), "every answer was 200 or 403: " + seen.unexpected);

    try (StackProcess second = StackProcess.start(env, tmp.resolve("crash-2.log"))) {
      Api api = new Api(second);
      String auditor = api.signIn(DevUsers.AUDITOR);
      Poll.until("every decision the clients saw in the audit trail (missing: allowed paths, refused ids)",
          Duration.ofSeconds(120), () -> missing(api.decisions(auditor), seen), List::isEmpty);
      List<JsonObject> decisions = api.decisions(auditor);
      Map<String, Integer> allowedByPath = new HashMap<>();
      Map<String, Integer> refusedById = new HashMap<>();
      Set<String> eventIds = ConcurrentHashMap.newKeySet();
      int duplicates = 0;
      for (JsonObject record : decisions) {
        duplicates += eventIds.add(record.getString("eventId")) ? 0 : 1;
        JsonObject d = record.getJsonObject("event").getJsonObject("data");
        if ("ALLOW".equals(d.getString("effect"))) {
          allowedByPath.merge(d.getString("path"), 1, Integer::sum);
        }
        refusedById.merge(d.getString("decisionId"), 1, Integer::sum);
      }
      long allowedTwice = seen.allowed.stream().filter(p -> allowedByPath.getOrDefault(p, 0) != 1).count();
      long refusedTwice = seen.refused.stream().filter(id -> refusedById.getOrDefault(id, 0) != 1).count();
      LOG.info("CRASH TEST: audit trail holds {} decisions; lost 0, not exactly once: {} allowed, {} refused, "
          + "{} duplicate event ids", decisions.size(), allowedTwice, refusedTwice, duplicates);
      assertEquals(0, allowedTwice, "every allowed request a client saw is in the trail exactly once");
      assertEquals(0, refusedTwice, "every 403 a client saw is in the trail exactly once");
      assertEquals(0, duplicates, "no event is stored twice");
      JsonObject verdict = api.verify(auditor);
      assertEquals(Boolean.TRUE, verdict.getBoolean("intact"), verdict.encodePrettily());
    }
  }

  /** What the clients saw but the trail lacks (allowed: by path, each request's path is unique; 403: by id). */
  private static List<String> missing(List<JsonObject> decisions, Seen seen) {
    Set<String> allowedPaths = new java.util.HashSet<>();
    Set<String> ids = new java.util.HashSet<>();
    for (JsonObject record : decisions) {
      JsonObject d = record.getJsonObject("event").getJsonObject("data");
      if ("ALLOW".equals(d.getString("effect"))) {
        allowedPaths.add(d.getString("path"));
      }
      ids.add(d.getString("decisionId"));
    }
    List<String> missing = new ArrayList<>();
    seen.allowed.stream().filter(p -> !allowedPaths.contains(p)).forEach(missing::add);
    seen.refused.stream().filter(id -> !ids.contains(id)).forEach(missing::add);
    if (!missing.isEmpty()) {
      LOG.info("CRASH TEST: {} of {} decisions the clients saw are not in the trail (yet)", missing.size(),
          seen.allowed.size() + seen.refused.size());
    }
    return missing;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** What the clients saw: allowed requests by their (unique) path, 403s by decision id. */
  static final class Seen {
    final Set<String> allowed = ConcurrentHashMap.newKeySet();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicLong answers = new AtomicLong();
  }

  /** Kept-alive mTLS requests with one certificate, {@code inFlight} at a time, each to a path of its own. */
  static final class Load implements AutoCloseable {
    private final HttpClientAgent client;
    private final int port;
    private final Seen seen;
    private final String name;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();

    Load(int port, String ca, JsonObject cert, Seen seen, String name, int inFlight) {
      this.port = port;
      this.seen = seen;
      this.name = name;
      this.client = vertx.httpClientBuilder()
          .with(new HttpClientOptions().setSsl(true).setKeepAlive(true)
              .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ca)))
              .setKeyCertOptions(new PemKeyCertOptions()
                  .setCertValue(Buffer.buffer(cert.getString("certificatePem")))
                  .setKeyValue(Buffer.buffer(cert.getString("privateKeyPem")))))
          .with(new PoolOptions().setHttp1MaxSize(inFlight))
          .build();
      for (int i = 0; i < inFlight; i++) {
        next();
      }
    }

    private void next() {
      if (!running.get()) {
        return;
      }
      String path = "/nodes/" + NODE + "/" + name + "-" + sequence.incrementAndGet();
      client.request(HttpMethod.GET, port, "127.0.0.1", path)
          .compose(request -> request.send().compose(response -> response.body()
              .map(body -> new Object[] {response.statusCode(), body})))
          .onComplete(ar -> {
            if (ar.succeeded() && running.get()) {
              saw(path, (Integer) ar.result()[0], (Buffer) ar.result()[1]);
            }
            if (running.get()) {
              if (ar.succeeded()) {
                next();
              } else {
                vertx.setTimer(50, id -> next());
              }
            }
          });
    }

    /** 200: allowed (the revoked client too, before the revocation reached the gateway); 403: refused. */
    private void saw(String path, int status, Buffer body) {
      seen.answers.incrementAndGet();
      if (status == 200) {
        seen.allowed.add(path);
      } else if (status == 403) {
        seen.refused.add(new JsonObject(body).getString("decisionId"));
      } else {
        seen.unexpected.add(status + " " + body);
      }
    }

    /** Answers arriving after this are not counted: the process may be dead already. */
    void stop() {
      running.set(false);
    }

    @Override
    public void close() {
      running.set(false);
      StackHarness.await(client.close(), "the load client to close");
    }
  }

  /** The stack's public HTTP interfaces, as a client reaches them. */
  static final class Api {
    private final HttpClient http = HttpClient.newHttpClient();
    private final StackProcess stack;

    Api(StackProcess stack) {
      this.stack = stack;
    }

    String signIn(DevUsers.Credentials user) throws Exception {
      String body = new JsonObject().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", StackHarness.CLIENT_ID)
          .put("AuthParameters", new JsonObject().put("USERNAME", user.username()).put("PASSWORD", user.password()))
          .encode();
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.identityUrl + "/"))
          .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
          .header("Content-Type", "application/x-amz-json-1.1")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      return new JsonObject(answer.body()).getJsonObject("AuthenticationResult").getString("AccessToken");
    }

    JsonObject issue(String token) throws Exception {
      HttpResponse<String> issued = post(stack.issuerPort, "/generate-cert", token,
          new JsonObject().put("nodeId", NODE).put("keyAlgorithm", "EC_P256"));
      assertEquals(201, issued.statusCode(), issued.body());
      return new JsonObject(issued.body());
    }

    void revoke(String token, String serial) throws Exception {
      HttpResponse<String> revoked = post(stack.issuerPort, "/v1/certificates/" + serial + "/revoke", token,
          new JsonObject().put("reason", "KEY_COMPROMISE"));
      assertTrue(revoked.statusCode() == 200 || revoked.statusCode() == 202, revoked.body());
    }

    String ca() throws Exception {
      return get(stack.issuerPort, "/v1/ca", null).body();
    }

    /** Every AccessDecided record in the trail, all pages. */
    List<JsonObject> decisions(String token) {
      List<JsonObject> all = new ArrayList<>();
      String cursor = null;
      try {
        do {
          String q = "/v1/audit/events?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor);
          HttpResponse<String> page = get(stack.auditPort, q, token);
          assertEquals(200, page.statusCode(), page.body());
          JsonObject json = new JsonObject(page.body());
          JsonArray items = json.getJsonArray("items");
          items.forEach(item -> {
            if (DECIDED.equals(((JsonObject) item).getString("type"))) {
              all.add((JsonObject) item);
            }
          });
          cursor = json.getString("nextCursor");
        } while (cursor != null);
      } catch (Exception e) {
        throw new AssertionError("reading the audit trail", e);
      }
      return all;
    }

    JsonObject verify(String token) throws Exception {
      HttpResponse<String> verdict = get(stack.auditPort, "/v1/audit/verify", token);
      assertEquals(200, verdict.statusCode(), verdict.body());
      return new JsonObject(verdict.body());
    }

    private HttpResponse<String> post(int port, String path, String token, JsonObject body) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
