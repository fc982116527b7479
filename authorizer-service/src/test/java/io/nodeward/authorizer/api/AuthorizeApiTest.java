package io.nodeward.authorizer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.authorizer.testing.AdminHttp;
import io.nodeward.authorizer.testing.AuthorizeCalls;
import io.nodeward.authorizer.testing.AuthorizerFixture;
import io.nodeward.authorizer.testing.DecisionReader;
import io.nodeward.authorizer.testing.TestPki;
import io.nodeward.authorizer.testing.TestPki.ClientSpec;
import io.nodeward.authorizer.testing.TestPki.Issued;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.DecisionOrigin;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /authorize as the API Gateway Lambda authorizer calls it — over mutual TLS, as a configured caller — plus
 * health and metrics on the admin port, on a real broker.
 */
class AuthorizeApiTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();

  static final String ARN = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/nodes/node-1/status";
  static Vertx vertx;
  static AuthorizerFixture fixture;
  static AuthorizerService authorizer;
  static EventPublisher events;
  static EventConsumer decisionReader;
  static final Map<String, AccessDecided> decisions = new ConcurrentHashMap<>();
  static Issued good;
  static AuthorizeCalls lambda;

  record Answer(int status, JsonObject json, String contentType) {
  }

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fixture = new AuthorizerFixture();
    events = EventPublisher.create(vertx, KAFKA.settings("test-platform"), "/test/platform");
    Await.result(events.publish(new NodeProvisioned("node-1", "alice", "http://127.0.0.1:9", Instant.now(), "admin")));
    good = fixture.pki.client("alice", "node-1");
    Await.result(events.publish(good.issued()));
    Map<String, String> env = fixture.env(KAFKA.bootstrapServers(), fixture.dir.resolve("data"),
        Duration.ofSeconds(5), TlsEngine.AUTO);
    env.put("NODEWARD_AUTHORIZER_AUTHORIZE_PORT", "0");
    env.put("NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS", AuthorizeCalls.LAMBDA);
    authorizer = Await.result(AuthorizerService.start(vertx, fixture.config(env)));
    lambda = new AuthorizeCalls(vertx, authorizer.authorizePort(), AuthorizeCalls.caller(fixture.pki,
        AuthorizeCalls.LAMBDA), fixture.pki);
    decisionReader = Await.result(DecisionReader.start(vertx, KAFKA.settings("decision-reader"), decisions));
  }

  @AfterAll
  static void stop() {
    lambda.close();
    Await.result(decisionReader.close());
    Await.result(authorizer.close());
    Await.result(events.close());
    Await.result(vertx.close());
  }

  static Answer call(HttpMethod method, String uri, String body) {
    AdminHttp.Answer answer = AdminHttp.call(authorizer.adminPort(), method.name(), uri, body);
    return new Answer(answer.status(), answer.json(), answer.contentType());
  }

  static JsonObject event(String pem, String nodeId, String path) {
    JsonObject event = new JsonObject()
        .put("type", "REQUEST")
        .put("methodArn", ARN)
        .put("resource", "/nodes/{nodeId}/{proxy+}")
        .put("path", path)
        .put("httpMethod", "GET")
        .put("headers", new JsonObject().put("Host", "api.example.com"))
        .put("requestContext", new JsonObject()
            .put("httpMethod", "GET")
            .put("stage", "prod")
            .put("identity", new JsonObject()
                .put("sourceIp", "203.0.113.7")
                .put("clientCert", new JsonObject()
                    .put("clientCertPem", pem)
                    .put("subjectDN", "CN=node-1"))));
    if (nodeId != null) {
      event.put("pathParameters", new JsonObject().put("nodeId", nodeId).put("proxy", "status"));
    }
    return event;
  }

  static JsonObject authorize(JsonObject event) {
    AuthorizeCalls.Answer answer = lambda.post(event.encode());
    assertEquals(200, answer.status(), answer.json().encode());
    return answer.json();
  }

  static String effect(JsonObject policy) {
    JsonObject statement = policy.getJsonObject("policyDocument").getJsonArray("Statement").getJsonObject(0);
    assertEquals("execute-api:Invoke", statement.getString("Action"));
    assertEquals(ARN, statement.getString("Resource"));
    assertEquals("2012-10-17", policy.getJsonObject("policyDocument").getString("Version"));
    return statement.getString("Effect");
  }

  @Test
  void aValidCertificateForItsNodeGetsAnAllowPolicyAndIsPublished() {
    JsonObject policy = authorize(event(good.certPem(), "node-1", "/nodes/node-1/status"));

    assertEquals("Allow", effect(policy));
    assertEquals("alice", policy.getString("principalId"));
    assertEquals("alice", policy.getJsonObject("context").getString("userId"));
    assertEquals("node-1", policy.getJsonObject("context").getString("nodeId"));
    assertEquals("ALLOWED", policy.getJsonObject("context").getString("reason"));
    String id = policy.getJsonObject("context").getString("decisionId");
    Await.until("decision published", () -> decisions.containsKey(id));
    assertEquals("203.0.113.7", decisions.get(id).clientAddress());
    assertEquals(DecisionOrigin.AUTHORIZE_API, decisions.get(id).origin());
    assertEquals(AuthorizeCalls.LAMBDA, decisions.get(id).caller());
  }

  /** Issue 13.3: before, the admin port answered this with a policy and recorded a decision for anyone. */
  @Test
  void theAdminPortDecidesNothing() {
    JsonObject event = event(good.certPem(), "node-1", "/nodes/node-1/status");
    event.getJsonObject("requestContext").getJsonObject("identity").put("sourceIp", "192.0.2.99");
    Answer answer = call(HttpMethod.POST, "/authorize", event.encode());
    assertEquals(403, answer.status(), answer.json().encode());
    assertEquals("application/problem+json", answer.contentType());
    assertEquals("AUTHORIZE_REQUIRES_MTLS", answer.json().getString("code"));
    // A decision for the same node after it: decisions of one node stay in order, so the refused one would be here.
    String marker = authorize(event(good.certPem(), "node-1", "/nodes/node-1/status"))
        .getJsonObject("context").getString("decisionId");
    Await.until("the marker decision is published", () -> decisions.containsKey(marker));
    assertTrue(decisions.values().stream().noneMatch(d -> "192.0.2.99".equals(d.clientAddress())),
        "the refused call recorded no decision");
  }

  /**
   * Issue 13.4: the admin port's BodyHandler.create() stored multipart files under ./file-uploads and never deleted
   * them (unauthenticated disk filling). Neither port stores anything now.
   */
  @Test
  void aMultipartUploadLeavesNoFileUploadsDirectory() throws Exception {
    Path uploads = Path.of("file-uploads");
    deleteTree(uploads);
    String boundary = "nodeward-upload-test";
    String multipart = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"fill.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(16 * 1024) + "\r\n--" + boundary + "--\r\n";
    String contentType = "multipart/form-data; boundary=" + boundary;
    HttpResponse<String> admin = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + authorizer.adminPort() + "/authorize"))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(multipart)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(admin.statusCode() >= 400, admin.body());
    int listener = lambda.post(multipart, contentType).status();
    assertTrue(listener >= 400 && listener < 500, "the listener takes JSON only: " + listener);
    assertFalse(Files.exists(uploads), "an upload directory was created: " + uploads.toAbsolutePath());
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void aCallerWhoseCertificateNamesAnotherIdentityGetsNoDecision() {
    Issued someone = AuthorizeCalls.caller(fixture.pki, "spiffe://" + TestPki.TRUST_DOMAIN + "/service/someone-else");
    try (AuthorizeCalls other = new AuthorizeCalls(vertx, authorizer.authorizePort(), someone, fixture.pki)) {
      AuthorizeCalls.Answer answer = other.post(event(good.certPem(), "node-1", "/nodes/node-1/status").encode());
      assertEquals(403, answer.status());
      assertEquals("application/problem+json", answer.contentType());
      assertEquals("AUTHORIZE_CALLER_NOT_ALLOWED", answer.code());
    }
    // A user's own certificate from the same CA is no caller either.
    try (AuthorizeCalls user = new AuthorizeCalls(vertx, authorizer.authorizePort(), good, fixture.pki)) {
      assertEquals("AUTHORIZE_CALLER_NOT_ALLOWED",
          user.post(event(good.certPem(), "node-1", "/nodes/node-1/status").encode()).code());
    }
  }

  @Test
  void theListedIdentityFromAnotherCaIsRefusedInTheHandshake() {
    Issued forged = AuthorizeCalls.caller(fixture.otherPki, AuthorizeCalls.LAMBDA);
    try (AuthorizeCalls impostor = new AuthorizeCalls(vertx, authorizer.authorizePort(), forged, fixture.pki)) {
      assertThrows(AssertionError.class, () -> impostor.post("{}"), "the handshake fails");
    }
    try (AuthorizeCalls anonymous = new AuthorizeCalls(vertx, authorizer.authorizePort(), null, fixture.pki)) {
      assertThrows(AssertionError.class, () -> anonymous.post("{}"), "the handshake fails");
    }
  }

  @Test
  void anHttpApiPayloadTwoEventIsReadToo() {
    String routeArn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/nodes/node-1/status";
    JsonObject event = new JsonObject()
        .put("version", "2.0")
        .put("type", "REQUEST")
        .put("routeArn", routeArn)
        .put("rawPath", "/nodes/node-1/status")
        .put("pathParameters", new JsonObject().put("nodeId", "node-1"))
        .put("requestContext", new JsonObject()
            .put("http", new JsonObject().put("method", "GET").put("sourceIp", "198.51.100.4"))
            .put("authentication", new JsonObject().put("clientCert", new JsonObject()
                .put("clientCertPem", good.certPem()))));
    JsonObject policy = authorize(event);
    assertEquals("Allow", effect(policy));
    String id = policy.getJsonObject("context").getString("decisionId");
    Await.until("decision published", () -> decisions.containsKey(id));
    assertEquals("198.51.100.4", decisions.get(id).clientAddress());
  }

  @Test
  void aRevokedCertificateGetsADenyPolicy() {
    Issued cert = fixture.pki.client("alice", "node-1");
    Await.result(events.publish(cert.issued()));
    Await.result(events.publish(cert.revoked()));
    Await.until("revoked", () -> authorizer.allowList().snapshot().certificate(cert.serial()) != null
        && authorizer.allowList().snapshot().certificate(cert.serial()).revoked());

    JsonObject policy = authorize(event(cert.certPem(), "node-1", "/nodes/node-1/status"));
    assertEquals("Deny", effect(policy));
    assertEquals("REVOKED", policy.getJsonObject("context").getString("reason"));
  }

  @Test
  void aCertificateFromAnotherCaGetsADenyPolicyEvenIfItsSerialIsPublished() {
    Issued foreign = fixture.otherPki.client("alice", "node-1");
    Await.result(events.publish(foreign.issued()));
    JsonObject policy = authorize(event(foreign.certPem(), "node-1", "/nodes/node-1/status"));
    assertEquals("Deny", effect(policy));
    assertEquals("UNKNOWN_CERTIFICATE", policy.getJsonObject("context").getString("reason"));
  }

  @Test
  void anExpiredCertificateGetsADenyPolicyNamingExpiry() {
    Instant now = Instant.now();
    Issued expired = fixture.pki.client(ClientSpec.of("alice", "node-1")
        .withValidity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))));
    Await.result(events.publish(expired.issued()));
    Await.until("applied", () -> authorizer.allowList().snapshot().certificate(expired.serial()) != null);
    JsonObject policy = authorize(event(expired.certPem(), "node-1", "/nodes/node-1/status"));
    assertEquals("Deny", effect(policy));
    assertEquals("EXPIRED", policy.getJsonObject("context").getString("reason"));
  }

  @Test
  void aCertificateNotYetValidGetsADenyPolicy() {
    Instant now = Instant.now();
    Issued early = fixture.pki.client(ClientSpec.of("alice", "node-1")
        .withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))));
    Await.result(events.publish(early.issued()));
    Await.until("applied", () -> authorizer.allowList().snapshot().certificate(early.serial()) != null);
    JsonObject policy = authorize(event(early.certPem(), "node-1", "/nodes/node-1/status"));
    assertEquals("NOT_YET_VALID", policy.getJsonObject("context").getString("reason"));
  }

  @Test
  void aCertificateForAnotherNodeGetsADenyPolicy() {
    Await.result(events.publish(new NodeProvisioned("node-2", "alice", "http://127.0.0.1:9", Instant.now(), "admin")));
    JsonObject policy = authorize(event(good.certPem(), "node-2", "/nodes/node-2/status"));
    assertEquals("Deny", effect(policy));
    assertEquals("NODE_MISMATCH", policy.getJsonObject("context").getString("reason"));
  }

  @Test
  void aPathParameterThatDisagreesWithThePathOrATraversalIsAnInvalidTarget() {
    assertEquals("INVALID_TARGET", authorize(event(good.certPem(), "node-1", "/nodes/node-2/status"))
        .getJsonObject("context").getString("reason"));
    assertEquals("INVALID_TARGET", authorize(event(good.certPem(), null, "/nodes/%2e%2e/node-1"))
        .getJsonObject("context").getString("reason"));
  }

  @ParameterizedTest(name = "a malformed authorizer event ({0}) is a 400 problem")
  @ValueSource(strings = {"not-json", "array", "no-method-arn", "bad-method-arn", "no-client-cert", "garbage-pem",
      "number-as-path", "no-target"})
  void aMalformedAuthorizerEventIsRefusedWithAProblem(String kind) {
    JsonObject valid = event(good.certPem(), "node-1", "/nodes/node-1/status");
    String body = switch (kind) {
      case "not-json" -> "{this is not json";
      case "array" -> "[1,2,3]";
      case "no-method-arn" -> valid.copy().put("methodArn", null).encode();
      case "bad-method-arn" -> valid.copy().put("methodArn", "arn:aws:s3:::bucket").encode();
      case "no-client-cert" -> valid.copy().put("requestContext", new JsonObject()).encode();
      case "garbage-pem" -> event("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "node-1",
          "/nodes/node-1/status").encode();
      case "number-as-path" -> valid.copy().put("path", 42).encode();
      case "no-target" -> valid.copy().put("path", null).put("pathParameters", null).encode();
      default -> throw new IllegalArgumentException(kind);
    };
    AuthorizeCalls.Answer answer = lambda.post(body);
    assertEquals(400, answer.status());
    assertEquals("application/problem+json", answer.contentType());
    assertTrue(answer.json().getString("code").startsWith("MALFORMED"), answer.json().encode());
  }

  @Test
  void healthIsUpWithAFreshAllowList() {
    Answer answer = call(HttpMethod.GET, "/health", null);
    assertEquals(200, answer.status());
    assertEquals("UP", answer.json().getString("status"));
    assertEquals(true, answer.json().getJsonObject("allowList").getBoolean("fresh"));
    assertTrue(answer.json().getJsonObject("allowList").getInteger("nodes") >= 1);
  }

  @Test
  void healthLiveAndReadyHaveTheSharedShape() { // issue 15.4 (platform's minimal addition)
    Answer live = call(HttpMethod.GET, "/health/live", null);
    assertEquals(200, live.status());
    assertEquals("authorizer", live.json().getString("service"));
    Answer ready = call(HttpMethod.GET, "/health/ready", null);
    assertEquals(200, ready.status(), ready.json().encode());
    assertEquals("UP", ready.json().getJsonObject("checks").getJsonObject("allowList").getString("status"));
    assertEquals("UP", ready.json().getJsonObject("checks").getJsonObject("decisions").getString("status"));
  }

  @Test
  void metricsCountDecisionsByEffectAndReason() {
    authorize(event(good.certPem(), "node-1", "/nodes/node-1/status"));
    String metrics = call(HttpMethod.GET, "/metrics", null).json().getString("text");
    assertTrue(metrics.contains("nodeward_authorizer_decisions_total{effect=\"ALLOW\",reason=\"ALLOWED\"}"), metrics);
    assertTrue(metrics.contains("nodeward_authorizer_allowlist_fresh"), metrics);
    assertTrue(metrics.contains("nodeward_authorizer_spool_dropped_total "), metrics);
    assertTrue(metrics.contains("nodeward_authorizer_decisions_published_total "), metrics);
  }

  @Test
  void anUnknownAdminRouteIsANotFoundProblem() {
    Answer answer = call(HttpMethod.GET, "/nope", null);
    assertEquals(404, answer.status());
    assertEquals("application/problem+json", answer.contentType());
  }
}
