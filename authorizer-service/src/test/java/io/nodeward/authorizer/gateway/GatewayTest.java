package io.nodeward.authorizer.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.authorizer.testing.AuthorizerFixture;
import io.nodeward.authorizer.testing.DecisionReader;
import io.nodeward.authorizer.testing.EchoUpstream;
import io.nodeward.authorizer.testing.MtlsClients;
import io.nodeward.authorizer.testing.RawTls;
import io.nodeward.authorizer.testing.Responses;
import io.nodeward.authorizer.testing.TestPki;
import io.nodeward.authorizer.testing.TestPki.ClientSpec;
import io.nodeward.authorizer.testing.TestPki.Eku;
import io.nodeward.authorizer.testing.TestPki.Issued;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.Effect;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mTLS gateway against a real broker, real certificates and a real upstream. */
class GatewayTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();

  static final String ALICE = "alice";
  static Vertx vertx;
  static AuthorizerFixture fixture;
  static AuthorizerService authorizer;
  static EventPublisher events;
  static EchoUpstream upstream;
  static EventConsumer decisionReader;
  static final Map<String, AccessDecided> decisions = new ConcurrentHashMap<>();
  static Issued good;
  static int port;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fixture = new AuthorizerFixture();
    upstream = EchoUpstream.start(vertx);
    events = EventPublisher.create(vertx, KAFKA.settings("test-platform"), "/test/platform");
    Await.result(events.publish(new NodeProvisioned("node-1", ALICE, upstream.url(), Instant.now(), "admin")));
    Await.result(events.publish(new NodeProvisioned("node-2", ALICE, upstream.url(), Instant.now(), "admin")));
    good = issue(fixture.pki.client(ALICE, "node-1"));
    authorizer = Await.result(AuthorizerService.start(vertx, fixture.config(KAFKA.bootstrapServers())));
    port = authorizer.gatewayPort();
    decisionReader = Await.result(DecisionReader.start(vertx, KAFKA.settings("decision-reader"), decisions));
  }

  @AfterAll
  static void stop() {
    Await.result(decisionReader.close());
    Await.result(authorizer.close());
    Await.result(events.close());
    upstream.close();
    Await.result(vertx.close());
  }

  static Issued issue(Issued cert) {
    Await.result(events.publish(cert.issued()));
    return cert;
  }

  /** Waits until the authorizer's allow-list holds what was just published (it consumes asynchronously). */
  static void awaitApplied(String serial) {
    Await.until("allow-list has " + serial, () -> authorizer.allowList().snapshot().certificate(serial) != null);
  }

  static Responses get(Issued cert, String uri) {
    HttpClient client = MtlsClients.with(vertx, cert, fixture.pki);
    try {
      return Await.result(Responses.get(client, port, uri));
    } finally {
      client.close();
    }
  }

  static Throwable handshakeFailure(HttpClient client) {
    try {
      return Await.failure(Responses.get(client, port, "/nodes/node-1/status"));
    } finally {
      client.close();
    }
  }

  static AccessDecided decision(String id) {
    Await.until("decision " + id + " on the decisions topic", () -> decisions.containsKey(id));
    return decisions.get(id);
  }

  @Test
  void anAllowedRequestIsProxiedWithTheIdentityHeadersAndForgedOnesReplaced() {
    awaitApplied(good.serial());
    HttpClient client = MtlsClients.with(vertx, good, fixture.pki);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("X-Nodeward-User", "mallory")
        .add("X-Nodeward-Admin", "true")
        .add("X-Forwarded-For", "10.6.6.6")
        .add("Connection", "keep-alive, X-Hop-Secret")
        .add("X-Hop-Secret", "s3cret");
    Responses response = Await.result(Responses.send(client, port, HttpMethod.GET, "/nodes/node-1/status?verbose=1",
        headers));
    client.close();

    assertEquals(200, response.status());
    assertEquals("/status?verbose=1", response.json().getString("uri"));
    assertEquals(ALICE, response.echoedHeaders().getString("x-nodeward-user"));
    assertEquals("node-1", response.echoedHeaders().getString("x-nodeward-node"));
    assertNull(response.echoedHeaders().getString("x-nodeward-admin"), "client-sent X-Nodeward-* never reach the node");
    assertNull(response.echoedHeaders().getString("x-hop-secret"), "headers named in Connection are hop-by-hop");
    assertEquals("127.0.0.1", response.echoedHeaders().getString("x-forwarded-for"), "a forged client address is replaced");
    assertEquals("https", response.echoedHeaders().getString("x-forwarded-proto"));

    AccessDecided decided = decision(response.echoedHeaders().getString("x-nodeward-decision"));
    assertEquals(Effect.ALLOW, decided.effect());
    assertEquals(good.serial(), decided.serialNumber());
    assertEquals("/nodes/node-1/status", decided.path(), "the query string never goes into an event");
    assertEquals("node-1", decided.targetNodeId());
    assertEquals("127.0.0.1", decided.clientAddress());
    assertTrue(decided.tlsVersion().startsWith("TLSv1."));
  }

  /** Issue 13.6: each of these passed through to the node before, with the client's value. */
  @ParameterizedTest(name = "a client-sent {0} does not reach the node")
  @ValueSource(strings = {"X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Server",
      "X-Forwarded-Ssl", "X-Forwarded-Uri", "X-Original-URL", "X-Rewrite-URL", "X-Real-IP", "X-Client-IP",
      "True-Client-IP", "X-Forwarded-Client-Cert", "X-Client-Cert", "X-SSL-Client-Cert", "X-SSL-Client-S-DN",
      "X-SSL-Client-Verify", "Ssl-Client-Cert", "X-Amzn-Mtls-Clientcert", "X-ARR-ClientCert", "X-Nodeward-Serial",
      "X-Nodeward-Decision"})
  void aClientClaimAboutForwardingOrItsCertificateIsDropped(String header) {
    awaitApplied(good.serial());
    HttpClient client = MtlsClients.with(vertx, good, fixture.pki);
    Responses response = Await.result(Responses.send(client, port, HttpMethod.GET, "/nodes/node-1/status",
        MultiMap.caseInsensitiveMultiMap().add(header, "forged.example").add("Host", "forged.example:8443")));
    client.close();
    assertEquals(200, response.status());
    JsonObject echoed = response.echoedHeaders();
    assertNotEquals("forged.example", echoed.getString(header.toLowerCase(Locale.ROOT)), header + " passed through");
    assertNull(echoed.getString("x-forwarded-host"), "the client's Host is not handed on as X-Forwarded-Host");
  }

  @Test
  void theNodeGetsTheGatewaysOwnForwardingHeadersAndTheVerifiedIdentity() {
    awaitApplied(good.serial());
    HttpClient client = MtlsClients.with(vertx, good, fixture.pki);
    Responses response = Await.result(Responses.send(client, port, HttpMethod.GET, "/nodes/node-1/status",
        MultiMap.caseInsensitiveMultiMap().add("Forwarded", "for=10.6.6.6;host=evil.example;proto=http")
            .add("X-Forwarded-Proto", "http")));
    client.close();
    JsonObject echoed = response.echoedHeaders();
    assertEquals("for=127.0.0.1;proto=https", echoed.getString("forwarded"));
    assertEquals("127.0.0.1", echoed.getString("x-forwarded-for"));
    assertEquals("https", echoed.getString("x-forwarded-proto"));
    assertEquals(ALICE, echoed.getString("x-nodeward-user"));
    assertEquals("node-1", echoed.getString("x-nodeward-node"));
    assertEquals(good.serial(), echoed.getString("x-nodeward-serial"));
    assertNotNull(echoed.getString("x-nodeward-decision"));
  }

  /**
   * The call follows the acknowledgement at once on a connection whose handshake is already done (opened by a
   * request before the issuance, refused then), so nothing but the allow-list's own catching up stands between
   * the two. Ten at a time, so the test does not measure a hundred concurrent handshakes.
   */
  @Test
  void aHundredCertificatesEachCalledTheInstantTheirIssuanceIsAcknowledgedAreAllAllowed() {
    List<String> outcomes = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Issued cert = fixture.pki.client(ALICE, "node-1");
        HttpClient client = MtlsClients.with(vertx, cert, fixture.pki);
        calls.add(Responses.get(client, port, "/nodes/node-1/before")
            .compose(before -> events.publish(cert.issued()))
            .compose(acked -> Responses.get(client, port, "/nodes/node-1/fresh"))
            .map(r -> r.status() == 200 ? "ALLOWED" : r.code())
            .onComplete(x -> client.close()));
      }
      Await.result(Future.all(calls));
      calls.forEach(call -> outcomes.add(call.result()));
    }
    assertEquals(100, outcomes.stream().filter("ALLOWED"::equals).count(), "outcomes: " + outcomes);
  }

  @Test
  void http10RequestsWithoutHostAreProxiedAndReuseUpstreamConnections() throws Exception {
    awaitApplied(good.serial());
    int before = upstream.connectionsOpened();
    for (int i = 0; i < 10; i++) {
      String response = RawTls.exchange(good, fixture.pki, port, "GET /nodes/node-1/old HTTP/1.0\r\n\r\n");
      assertTrue(response.startsWith("HTTP/1.0 200"), response);
    }
    // One connection per gateway event loop at most; a leak would open one per request.
    assertTrue(upstream.connectionsOpened() - before <= 2, "upstream connections opened: "
        + (upstream.connectionsOpened() - before));
  }

  @Test
  void aWebSocketUpgradeIsDecidedLikeAnyRequest() {
    Issued unknown = fixture.pki.client(ALICE, "node-1");
    HttpClient client = MtlsClients.with(vertx, unknown, fixture.pki);
    MultiMap upgrade = MultiMap.caseInsensitiveMultiMap()
        .add("Connection", "Upgrade")
        .add("Upgrade", "websocket")
        .add("Sec-WebSocket-Version", "13")
        .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    Responses response = Await.result(Responses.send(client, port, HttpMethod.GET, "/nodes/node-1/ws", upgrade));
    client.close();
    assertEquals(403, response.status());
    assertEquals("UNKNOWN_CERTIFICATE", response.code());
  }

  @Test
  void aRequestBodyIsStreamedToTheUpstream() {
    awaitApplied(good.serial());
    HttpClient client = MtlsClients.with(vertx, good, fixture.pki);
    byte[] body = new byte[300_000];
    new SecureRandom().nextBytes(body);
    Responses response = Await.result(client.request(HttpMethod.POST, port, "127.0.0.1", "/nodes/node-1/upload")
        .compose(request -> request.send(io.vertx.core.buffer.Buffer.buffer(body)))
        .compose(r -> r.body().map(b -> new Responses(r.statusCode(), r.getHeader("content-type"), b.toJsonObject(),
            null))));
    client.close();
    assertEquals(200, response.status());
    assertEquals(body.length, response.json().getInteger("bodyBytes"));
  }

  @Test
  void aCertificateRevokedWhileItsConnectionIsOpenIsDeniedOnTheNextRequest() {
    Issued cert = issue(fixture.pki.client(ALICE, "node-1"));
    awaitApplied(cert.serial());
    HttpClient client = MtlsClients.with(vertx, cert, fixture.pki);
    Responses before = Await.result(Responses.get(client, port, "/nodes/node-1/a"));
    assertEquals(200, before.status());

    Await.result(events.publish(cert.revoked()));
    Await.until("revocation applied", () -> authorizer.allowList().snapshot().certificate(cert.serial()).revoked());
    Responses after = Await.result(Responses.get(client, port, "/nodes/node-1/b"));
    client.close();

    assertSame(before.connection(), after.connection(), "the same kept-alive connection");
    assertEquals(403, after.status());
    assertEquals("REVOKED", after.code());
    assertEquals("application/problem+json", after.contentType());
    AccessDecided decided = decision(after.json().getString("decisionId"));
    assertEquals(DecisionReason.REVOKED, decided.reason());
  }

  @Test
  void aCertificateForAnotherNodeIsDenied() {
    Issued forNode2 = issue(fixture.pki.client(ALICE, "node-2"));
    awaitApplied(forNode2.serial());
    Responses response = get(forNode2, "/nodes/node-1/status");
    assertEquals(403, response.status());
    assertEquals("NODE_MISMATCH", response.code());
    assertEquals(200, get(forNode2, "/nodes/node-2/status").status());
  }

  @Test
  void aCertificateUnknownToTheAllowListIsDenied() {
    Responses response = get(fixture.pki.client(ALICE, "node-1"), "/nodes/node-1/status");
    assertEquals(403, response.status());
    assertEquals("UNKNOWN_CERTIFICATE", response.code());
  }

  @Test
  void aCertificateWithoutTheIdentitySanIsDenied() {
    Issued noSan = issue(fixture.pki.client(ClientSpec.of(ALICE, "node-1").withSanUri(null)));
    awaitApplied(noSan.serial());
    Responses response = get(noSan, "/nodes/node-1/status");
    assertEquals(403, response.status());
    assertEquals("INVALID_IDENTITY", response.code());
    AccessDecided decided = decision(response.json().getString("decisionId"));
    assertNull(decided.userId());
    assertEquals(noSan.serial(), decided.serialNumber());
  }

  @Test
  void aCertificateWithoutAnyExtendedKeyUsageIsDenied() {
    Issued noEku = issue(fixture.pki.client(ClientSpec.of(ALICE, "node-1").withEku(Eku.NONE)));
    awaitApplied(noEku.serial());
    Responses response = get(noEku, "/nodes/node-1/status");
    assertEquals(403, response.status());
    assertEquals("INVALID_IDENTITY", response.code());
  }

  @Test
  void aCertificateWhoseExtendedKeyUsageIsServerAuthOnlyIsRefusedAtTheHandshake() {
    Issued serverOnly = issue(fixture.pki.client(ClientSpec.of(ALICE, "node-1").withEku(Eku.SERVER_AUTH_ONLY)));
    awaitApplied(serverOnly.serial());
    assertNotNull(handshakeFailure(MtlsClients.with(vertx, serverOnly, fixture.pki)));
  }

  @Test
  void aClientWithoutACertificateCannotCompleteTheHandshakeAndIsCounted() {
    double before = authorizer.metrics().connectionFailures();
    assertNotNull(handshakeFailure(MtlsClients.withoutCertificate(vertx, fixture.pki)));
    Await.until("the refused handshake is counted", () -> authorizer.metrics().connectionFailures() > before);
  }

  @Test
  void theJdkTlsEngineEnforcesTheSameHandshakeAndDecisions() throws Exception {
    AuthorizerService jdk = Await.result(AuthorizerService.start(vertx, fixture.config(KAFKA.bootstrapServers(),
        fixture.dir.resolve("jdk-data"), Duration.ofSeconds(5), TlsEngine.JDK)));
    try {
      Await.until("replayed", () -> jdk.allowList().snapshot().certificate(good.serial()) != null);
      HttpClient client = MtlsClients.with(vertx, good, fixture.pki);
      assertEquals(200, Await.result(Responses.get(client, jdk.gatewayPort(), "/nodes/node-1/x")).status());
      assertEquals(403, Await.result(Responses.get(client, jdk.gatewayPort(), "/nodes/node-2/x")).status());
      client.close();
      HttpClient anonymous = MtlsClients.withoutCertificate(vertx, fixture.pki);
      assertNotNull(Await.failure(Responses.get(anonymous, jdk.gatewayPort(), "/nodes/node-1/x")));
      anonymous.close();
      assertTls11Refused(jdk.gatewayPort());
    } finally {
      Await.result(jdk.close());
    }
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedAtTheHandshake() {
    Issued foreign = fixture.otherPki.client(ALICE, "node-1");
    Await.result(events.publish(foreign.issued()));
    assertNotNull(handshakeFailure(MtlsClients.with(vertx, foreign, fixture.pki)));
  }

  @Test
  void anExpiredCertificateIsRefusedAtTheHandshake() {
    Instant now = Instant.now();
    Issued expired = issue(fixture.pki.client(ClientSpec.of(ALICE, "node-1")
        .withValidity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))));
    assertNotNull(handshakeFailure(MtlsClients.with(vertx, expired, fixture.pki)));
  }

  @Test
  void aCertificateNotYetValidIsRefusedAtTheHandshake() {
    Instant now = Instant.now();
    Issued early = issue(fixture.pki.client(ClientSpec.of(ALICE, "node-1")
        .withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)))));
    assertNotNull(handshakeFailure(MtlsClients.with(vertx, early, fixture.pki)));
  }

  @ParameterizedTest(name = "{0} is refused as INVALID_TARGET")
  @ValueSource(strings = {"/nodes/../node-1/status", "/nodes/%2e%2e/node-1", "/nodes/%2E%2E%2Fnode-1/status",
      "/nodes/node-1%2f..%2fnode-2/x", "/nodes/node-1/../node-2/status", "/nodes/node-1/%2e%2e/x", "/admin",
      "/nodes/node-1/..;/node-2/status", "/nodes/node-1/%252e%252e/node-2/status", "/nodes/node-1/a%252fb"})
  void pathTraversalIsRefusedBeforeAnythingElse(String path) {
    awaitApplied(good.serial());
    Responses response = get(good, path);
    assertEquals(400, response.status());
    assertEquals("INVALID_TARGET", response.code());
    AccessDecided decided = decision(response.json().getString("decisionId"));
    assertEquals(Effect.DENY, decided.effect());
  }

  @Test
  void tlsOnePointOneIsRefusedAtTheHandshake() throws Exception {
    assertTls11Refused(port);
  }

  static void assertTls11Refused(int port) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(tls11ClientHello());
      out.flush();
      InputStream in = socket.getInputStream();
      int contentType = in.read();
      // 0x16 would be a ServerHello: the server must answer with an alert (0x15) or hang up (-1).
      assertFalse(contentType == 0x16, "the server negotiated TLS 1.1");
      assertTrue(contentType == 0x15 || contentType == -1, "unexpected record type " + contentType);
    }
  }

  /** A TLS 1.1 ClientHello without supported_versions: what an old client sends. */
  static byte[] tls11ClientHello() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] ciphers = {(byte) 0xc0, 0x13, (byte) 0xc0, 0x09, 0x00, 0x2f, 0x00, 0x35};
    byte[] extensions = {
        0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18, // supported_groups: P-256, P-384
        0x00, 0x0b, 0x00, 0x02, 0x01, 0x00};                        // ec_point_formats: uncompressed
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(0x03);
    body.write(0x02); // client_version TLS 1.1
    body.writeBytes(random);
    body.write(0x00); // no session id
    body.write(0x00);
    body.write(ciphers.length);
    body.writeBytes(ciphers);
    body.write(0x01);
    body.write(0x00); // null compression
    body.write(0x00);
    body.write(extensions.length);
    body.writeBytes(extensions);
    byte[] hello = body.toByteArray();
    java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
    record.writeBytes(new byte[] {0x16, 0x03, 0x01, (byte) ((hello.length + 4) >> 8), (byte) (hello.length + 4),
        0x01, 0x00, (byte) (hello.length >> 8), (byte) hello.length});
    record.writeBytes(hello);
    return record.toByteArray();
  }
}
