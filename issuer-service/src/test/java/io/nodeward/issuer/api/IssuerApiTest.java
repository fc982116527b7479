package io.nodeward.issuer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeySource;
import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.Topics;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.testing.IssuerTestBed;
import io.nodeward.issuer.testing.TestCsrs;
import io.nodeward.issuer.testing.TopicReader;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The issuer's HTTP API against a real broker, real tokens from the dev identity provider and the local CA. */
class IssuerApiTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  @TempDir
  static Path dataDir;

  private static final AtomicInteger NODES = new AtomicInteger();
  private static IssuerTestBed bed;
  private static String admin;
  private static String alice;
  private static String bob;
  private static String aliceId;
  private static String bobId;

  @BeforeAll
  static void start() {
    bed = IssuerTestBed.start(KAFKA.settings("issuer-api-test"), dataDir);
    admin = bed.token(DevUsers.ADMIN);
    alice = bed.token(DevUsers.ALICE);
    bob = bed.token(DevUsers.BOB);
    aliceId = IssuerTestBed.sub(alice);
    bobId = IssuerTestBed.sub(bob);
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  /** A fresh node owned by alice, provisioned through the API. */
  private static String alicesNode() {
    String nodeId = "node-" + NODES.incrementAndGet();
    assertEquals(201, bed.provision(admin, nodeId, aliceId).statusCode());
    return nodeId;
  }

  private static HttpResponse<String> issue(String token, JsonObject body) {
    return bed.post("/v1/certificates", token, body.encode());
  }

  private static JsonObject problem(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    JsonObject problem = new JsonObject(response.body());
    assertEquals(code, problem.getString("code"), response.body());
    assertEquals(status, problem.getInteger("status"));
    return problem;
  }

  private static X509Certificate certificateOf(JsonObject issued) {
    return Pem.readCertificate(issued.getString("certificatePem"));
  }

  private static X509Certificate caCertificate() {
    return Pem.readCertificate(bed.issuer.caChainPem());
  }

  // --- nodes -------------------------------------------------------------------------------------------

  @Test
  void anAdminProvisionsANodeAndNodeProvisionedIsPublished() {
    HttpResponse<String> response = bed.provision(admin, "provisioned-node", aliceId);

    assertEquals(201, response.statusCode(), response.body());
    assertEquals(aliceId, new JsonObject(response.body()).getString("ownerUserId"));
    NodeProvisioned event = TopicReader.data(bed.bootstrap, Topics.NODES, NodeProvisioned.class).stream()
        .filter(e -> e.nodeId().equals("provisioned-node")).findFirst().orElseThrow();
    assertEquals(aliceId, event.ownerUserId());
    assertEquals("http://127.0.0.1:9000/provisioned-node", event.upstreamUrl());
    assertEquals(IssuerTestBed.sub(admin), event.provisionedBy());
  }

  @Test
  void provisioningTheSameNodeAgainUnchangedIsIdempotentAndGivingItToAnotherOwnerConflicts() {
    String nodeId = alicesNode();

    assertEquals(200, bed.provision(admin, nodeId, aliceId).statusCode());
    problem(bed.provision(admin, nodeId, bobId), 409, "NODE_OWNED_BY_ANOTHER_USER");
  }

  @Test
  void onlyAdminsProvisionOrDeprovisionNodes() {
    problem(bed.provision(alice, "alices-own-idea", aliceId), 403, "ADMIN_REQUIRED");
    problem(bed.delete("/v1/admin/nodes/" + alicesNode(), alice), 403, "ADMIN_REQUIRED");
  }

  @Test
  void provisioningRefusesHostileIdsAndUrls() {
    String body = "{\"nodeId\":\"n1,CN=admin\",\"ownerUserId\":\"" + aliceId + "\",\"upstreamUrl\":\"http://h\"}";
    problem(bed.post("/v1/admin/nodes", admin, body), 400, "INVALID_NODE_ID");
    String url = "{\"nodeId\":\"n1\",\"ownerUserId\":\"" + aliceId + "\",\"upstreamUrl\":\"http://user:pw@h/\"}";
    problem(bed.post("/v1/admin/nodes", admin, url), 400, "INVALID_UPSTREAM_URL");
    for (String metadata : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]:8080/",
        "http://metadata.google.internal/computeMetadata/v1/", "http://[::ffff:169.254.169.254]/",
        "http://100.100.100.200/")) {
      HttpResponse<String> response = bed.post("/v1/admin/nodes", admin, new JsonObject().put("nodeId", "ssrf-node")
          .put("ownerUserId", aliceId).put("upstreamUrl", metadata).encode());
      problem(response, 400, "UPSTREAM_NOT_ALLOWED");
    }
    for (String numeric : List.of("http://0xa9.0xfe.0xa9.0xfe/", "http://2852039166/")) {
      assertEquals(400, bed.post("/v1/admin/nodes", admin, new JsonObject().put("nodeId", "ssrf-node")
          .put("ownerUserId", aliceId).put("upstreamUrl", numeric).encode()).statusCode(), numeric);
    }
    assertTrue(bed.issuer.nodes().find("ssrf-node").isEmpty());
    String owner = "{\"nodeId\":\"n1\",\"ownerUserId\":\"a/../b\",\"upstreamUrl\":\"http://h/\"}";
    problem(bed.post("/v1/admin/nodes", admin, owner), 400, "INVALID_USER_ID");
  }

  @Test
  void usersSeeOnlyTheirOwnNodes() {
    String nodeId = alicesNode();

    assertTrue(bed.get("/v1/nodes", alice).body().contains("\"" + nodeId + "\""));
    assertFalse(bed.get("/v1/nodes", bob).body().contains("\"" + nodeId + "\""));
    assertTrue(bed.get("/v1/nodes", admin).body().contains("\"" + nodeId + "\""));
  }

  @Test
  void aDeprovisionedNodeIsPublishedGoneAndGetsNoMoreCertificates() {
    String nodeId = alicesNode();

    assertEquals(200, bed.delete("/v1/admin/nodes/" + nodeId, admin).statusCode());

    assertTrue(TopicReader.data(bed.bootstrap, Topics.NODES, NodeDeprovisioned.class).stream()
        .anyMatch(e -> e.nodeId().equals(nodeId) && e.ownerUserId().equals(aliceId)));
    problem(issue(alice, new JsonObject().put("nodeId", nodeId)), 404, "UNKNOWN_NODE");
    problem(bed.delete("/v1/admin/nodes/" + nodeId, admin), 404, "UNKNOWN_NODE");
  }

  // --- issuance ------------------------------------------------------------------------------------------

  @Test
  void theOwnerGetsAnRsa2048CertificateAndItsPrivateKeyByDefault() throws Exception {
    String nodeId = alicesNode();

    HttpResponse<String> response = issue(alice, new JsonObject().put("nodeId", nodeId));

    assertEquals(201, response.statusCode(), response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    JsonObject body = new JsonObject(response.body());
    X509Certificate cert = certificateOf(body);
    cert.verify(caCertificate().getPublicKey());
    assertEquals("RSA", cert.getPublicKey().getAlgorithm());
    assertEquals(2048, ((java.security.interfaces.RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
    assertEquals("spiffe://nodeward.local/user/" + aliceId + "/node/" + nodeId,
        cert.getSubjectAlternativeNames().iterator().next().get(1));
    assertEquals(cert.getSerialNumber().toString(16), body.getString("serialNumber"));
    assertEquals(aliceId, body.getString("userId"));
    assertKeyMatches(Pem.readPrivateKey(body.getString("privateKeyPem")), cert);
    assertEquals(caCertificate(), Pem.readCertificate(body.getString("certificateChainPem")));
    assertEquals(Duration.ofDays(7).plusMinutes(1).toSeconds(),
        Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toSeconds());
  }

  @Test
  void theIssuanceIsOnKafkaBeforeTheAnswerWithoutThePrivateKey() {
    String nodeId = alicesNode();

    JsonObject body = new JsonObject(issue(alice, new JsonObject().put("nodeId", nodeId)).body());

    CertificateIssued event = TopicReader.data(bed.bootstrap, Topics.CERTIFICATES, CertificateIssued.class).stream()
        .filter(e -> e.serialNumber().equals(body.getString("serialNumber"))).findFirst().orElseThrow();
    assertEquals(nodeId, event.nodeId());
    assertEquals(aliceId, event.userId());
    assertEquals(aliceId, event.requestedBy());
    assertEquals(KeySource.SERVER_GENERATED, event.keySource());
    assertEquals(body.getString("certificatePem"), event.certificatePem());
    assertEquals(body.getString("fingerprintSha256"), event.fingerprintSha256());
    for (var topic : Topics.ALL) {
      assertFalse(TopicReader.rawText(bed.bootstrap, topic).contains("PRIVATE KEY"), "no private key on " + topic.name());
    }
  }

  @Test
  void theOwnerGetsAnEcP256CertificateWithoutKeyEncipherment() throws Exception {
    JsonObject body = new JsonObject(issue(alice, new JsonObject().put("nodeId", alicesNode())
        .put("keyAlgorithm", "EC_P256").put("validityHours", 24)).body());

    X509Certificate cert = certificateOf(body);
    assertEquals("EC", cert.getPublicKey().getAlgorithm());
    assertFalse(cert.getKeyUsage()[2]);
    assertKeyMatches(Pem.readPrivateKey(body.getString("privateKeyPem")), cert);
    assertEquals(Duration.ofHours(24).plusMinutes(1).toSeconds(),
        Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toSeconds());
  }

  @Test
  void withACsrTheKeyStaysWithTheClientAndTheCsrsSubjectIsReplaced() throws Exception {
    String nodeId = alicesNode();
    KeyPair pair = TestCsrs.ec("secp256r1");
    String csr = TestCsrs.csrPem(pair, "CN=other-node,O=nodeward,UID=" + bobId, "spiffe://nodeward.local/user/" + bobId + "/node/x");

    HttpResponse<String> response = issue(alice, new JsonObject().put("nodeId", nodeId).put("csrPem", csr));

    assertEquals(201, response.statusCode(), response.body());
    JsonObject body = new JsonObject(response.body());
    assertNull(body.getString("privateKeyPem"));
    assertEquals("CLIENT_CSR", body.getString("keySource"));
    X509Certificate cert = certificateOf(body);
    assertEquals(pair.getPublic(), cert.getPublicKey());
    assertEquals("CN=" + nodeId + ",UID=" + aliceId + ",O=nodeward", cert.getSubjectX500Principal().getName());
    assertEquals(1, cert.getSubjectAlternativeNames().size());
    assertEquals("spiffe://nodeward.local/user/" + aliceId + "/node/" + nodeId,
        cert.getSubjectAlternativeNames().iterator().next().get(1));
  }

  @Test
  void theSeedsGenerateCertRouteIssuesLikeV1Certificates() {
    HttpResponse<String> response = bed.post("/generate-cert", alice,
        new JsonObject().put("nodeId", alicesNode()).put("keyAlgorithm", "EC_P256").encode());

    assertEquals(201, response.statusCode(), response.body());
    assertNotNull(new JsonObject(response.body()).getString("privateKeyPem"));
  }

  @Test
  void anAdminMayRequestACertificateThatSpeaksForTheNodesOwner() {
    JsonObject body = new JsonObject(issue(admin, new JsonObject().put("nodeId", alicesNode())
        .put("keyAlgorithm", "EC_P256")).body());

    assertEquals(aliceId, body.getString("userId"));
  }

  @Test
  void aPkcs12BundleOpensWithTheCallersPasswordAndHoldsKeyAndChain() throws Exception {
    String password = "correct horse battery staple";
    var request = bed.postRequest("/v1/certificates", alice, new JsonObject().put("nodeId", alicesNode())
        .put("keyAlgorithm", "EC_P256").put("pkcs12Password", password).encode(), "application/json")
        .header("Accept", "application/x-pkcs12").build();

    HttpResponse<byte[]> response = bed.send(request, HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(201, response.statusCode());
    assertEquals("application/x-pkcs12", response.headers().firstValue("Content-Type").orElse(null));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(new ByteArrayInputStream(response.body()), password.toCharArray());
    String alias = store.aliases().nextElement();
    X509Certificate cert = (X509Certificate) store.getCertificate(alias);
    assertKeyMatches((PrivateKey) store.getKey(alias, password.toCharArray()), cert);
    assertEquals(2, store.getCertificateChain(alias).length);
    assertEquals(cert.getSerialNumber().toString(16), response.headers().firstValue("X-Nodeward-Serial").orElse(null));
    assertFalse(new String(response.body(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(password));
  }

  @Test
  void aPkcs12BundleNeedsAStrongPasswordAndIsNeverEchoed() {
    String weak = "short";
    var request = bed.postRequest("/v1/certificates", alice, new JsonObject().put("nodeId", alicesNode())
        .put("pkcs12Password", weak).encode(), "application/json").header("Accept", "application/x-pkcs12").build();

    HttpResponse<String> response = bed.send(request, HttpResponse.BodyHandlers.ofString());

    JsonObject problem = problem(response, 400, "WEAK_PKCS12_PASSWORD");
    assertFalse(problem.encode().contains(weak));
  }

  // --- refusals ------------------------------------------------------------------------------------------

  @Test
  void anotherUsersNodeAnswersExactlyLikeAnUnknownNodeButTheTrailSaysNotOwner() {
    String nodeId = alicesNode();

    HttpResponse<String> others = issue(bob, new JsonObject().put("nodeId", nodeId));
    HttpResponse<String> unknown = issue(bob, new JsonObject().put("nodeId", "no-node-at-all"));

    problem(others, 404, "UNKNOWN_NODE");
    JsonObject othersBody = new JsonObject(others.body());
    JsonObject unknownBody = new JsonObject(unknown.body());
    othersBody.remove("instance");
    unknownBody.remove("instance");
    assertEquals(unknownBody, othersBody, "issue 13.9: no probing which nodes exist");

    IssuanceDenied denied = TopicReader.data(bed.bootstrap, Topics.DECISIONS, IssuanceDenied.class).stream()
        .filter(d -> nodeId.equals(d.nodeId())).findFirst().orElseThrow();
    assertEquals(IssuanceRefusal.NOT_OWNER, denied.reason());
    assertEquals(bobId, denied.userId());
  }

  @Test
  void anUnknownNodeIsRefusedAndPublished() {
    problem(issue(alice, new JsonObject().put("nodeId", "no-such-node")), 404, "UNKNOWN_NODE");

    assertTrue(TopicReader.data(bed.bootstrap, Topics.DECISIONS, IssuanceDenied.class).stream()
        .anyMatch(d -> "no-such-node".equals(d.nodeId()) && d.reason() == IssuanceRefusal.UNKNOWN_NODE));
  }

  @Test
  void aNodeIdTryingDnOrSanInjectionIsRefusedAndNeverReachesTheTrail() {
    String hostile = "node-1,CN=admin/../../user/root";

    problem(issue(alice, new JsonObject().put("nodeId", hostile)), 400, "INVALID_REQUEST");

    String decisions = TopicReader.rawText(bed.bootstrap, Topics.DECISIONS);
    assertFalse(decisions.contains("CN=admin"));
    assertTrue(TopicReader.data(bed.bootstrap, Topics.DECISIONS, IssuanceDenied.class).stream()
        .anyMatch(d -> d.nodeId() == null && d.userId().equals(aliceId) && d.reason() == IssuanceRefusal.INVALID_REQUEST));
  }

  @Test
  void aCsrWithABadSignatureIsRefusedAndThePublishedRefusalSaysWhy() {
    String nodeId = alicesNode();

    problem(issue(alice, new JsonObject().put("nodeId", nodeId)
        .put("csrPem", TestCsrs.tamperedCsrPem(TestCsrs.ec("secp256r1")))), 400, "INVALID_CSR");

    assertTrue(TopicReader.data(bed.bootstrap, Topics.DECISIONS, IssuanceDenied.class).stream()
        .anyMatch(d -> nodeId.equals(d.nodeId()) && d.reason() == IssuanceRefusal.INVALID_CSR));
  }

  @Test
  void aCsrWithAWeakKeyIsRefused() {
    problem(issue(alice, new JsonObject().put("nodeId", alicesNode())
        .put("csrPem", TestCsrs.csrPem(TestCsrs.rsa(1024)))), 400, "WEAK_KEY");
  }

  @Test
  void aValidityAboveTheMaximumIsRefused() {
    problem(issue(alice, new JsonObject().put("nodeId", alicesNode()).put("validityHours", 721)), 400,
        "VALIDITY_TOO_LONG");
  }

  @Test
  void anUnsupportedKeyAlgorithmIsRefused() {
    problem(issue(alice, new JsonObject().put("nodeId", alicesNode()).put("keyAlgorithm", "RSA_1024")), 400,
        "INVALID_REQUEST");
  }

  @Test
  void malformedJsonUnknownFieldsAndWrongTypesAreRefused() {
    problem(bed.post("/v1/certificates", alice, "{\"nodeId\": \"n\""), 400, "MALFORMED_JSON");
    problem(bed.post("/v1/certificates", alice, "[\"nodeId\"]"), 400, "MALFORMED_JSON");
    problem(bed.post("/v1/certificates", alice, "{\"nodeId\":\"a\",\"nodeId\":\"b\"}"), 400, "MALFORMED_JSON");
    problem(bed.post("/v1/certificates", alice, "{\"nodeId\":\"a\",\"isCa\":true}"), 400, "UNKNOWN_FIELD");
    problem(bed.post("/v1/certificates", alice, "{\"nodeId\":42}"), 400, "WRONG_TYPE");
    problem(bed.post("/v1/certificates", alice, "{\"nodeId\":\"a\",\"validityHours\":\"24\"}"), 400, "WRONG_TYPE");
    problem(bed.post("/v1/certificates", alice, "{\"nodeId\":\"a\",\"validityHours\":1.5}"), 400, "WRONG_TYPE");
  }

  @Test
  void anOversizedBodyIsRefusedWith413() {
    String huge = new JsonObject().put("nodeId", "a").put("csrPem", "x".repeat(70 * 1024)).encode();

    problem(bed.post("/v1/certificates", alice, huge), 413, "BODY_TOO_LARGE");
  }

  @Test
  void aFormPostIsRefusedAsUnsupportedMediaType() {
    var request = bed.postRequest("/v1/certificates", alice, "nodeId=a", "application/x-www-form-urlencoded").build();

    problem(bed.send(request, HttpResponse.BodyHandlers.ofString()), 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  // --- authentication ---------------------------------------------------------------------------------

  @Test
  void aRequestWithoutATokenIsUnauthenticated() {
    HttpResponse<String> response = bed.post("/v1/certificates", null, "{\"nodeId\":\"a\"}");

    assertEquals(401, response.statusCode());
    assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
    assertEquals(401, bed.get("/v1/nodes", null).statusCode());
    assertEquals(401, bed.get("/v1/certificates", null).statusCode());
  }

  @Test
  void aForgedTokenIsUnauthenticated() {
    String[] parts = alice.split("\\.");
    JsonObject claims = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[1])));
    claims.put("cognito:groups", new io.vertx.core.json.JsonArray().add("admin"));
    String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims.encode().getBytes()) + "." + parts[2];

    HttpResponse<String> response = bed.provision(tampered, "forged-node", aliceId);

    assertEquals(401, response.statusCode(), response.body());
    assertFalse(response.body().contains(tampered));
  }

  @Test
  void anExpiredTokenIsUnauthenticated() {
    String expired = bed.idp.tokens().accessToken(DevUsers.ALICE.username(), bed.clientId(),
        Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).await();

    assertEquals(401, bed.get("/v1/nodes", expired).statusCode());
  }

  // --- listing and revocation ---------------------------------------------------------------------------

  @Test
  void usersListTheirCertificatesWithStatusAndAdminsSeeAll() {
    String nodeId = alicesNode();
    String serial = new JsonObject(issue(alice, new JsonObject().put("nodeId", nodeId).put("keyAlgorithm", "EC_P256"))
        .body()).getString("serialNumber");

    JsonObject mine = new JsonObject(bed.get("/v1/certificates?nodeId=" + nodeId, alice).body());
    assertEquals(1, mine.getJsonArray("certificates").size());
    assertEquals("active", mine.getJsonArray("certificates").getJsonObject(0).getString("status"));
    assertFalse(bed.get("/v1/certificates", bob).body().contains(serial));
    assertTrue(bed.get("/v1/certificates?status=active", admin).body().contains(serial));
    assertFalse(bed.get("/v1/certificates?status=revoked", alice).body().contains(serial));
    problem(bed.get("/v1/certificates?status=bogus", alice), 400, "INVALID_STATUS");
    problem(bed.get("/v1/certificates?owner=bob", alice), 400, "INVALID_QUERY");
  }

  @Test
  void revokingSomeoneElsesCertificateAnswers404LikeAnUnknownSerial() {
    String serial = new JsonObject(issue(alice, new JsonObject().put("nodeId", alicesNode()).put("keyAlgorithm", "EC_P256"))
        .body()).getString("serialNumber");

    problem(bed.post("/v1/certificates/" + serial + "/revoke", bob, "{}"), 404, "UNKNOWN_CERTIFICATE");
    problem(bed.post("/v1/certificates/abc123/revoke", bob, "{}"), 404, "UNKNOWN_CERTIFICATE");
    problem(bed.post("/v1/certificates/not-hex/revoke", bob, "{}"), 400, "INVALID_SERIAL");
  }

  @Test
  void theOwnerRevokesOnceAndRevokingAgainIsIdempotent() {
    String serial = new JsonObject(issue(alice, new JsonObject().put("nodeId", alicesNode()).put("keyAlgorithm", "EC_P256"))
        .body()).getString("serialNumber");

    HttpResponse<String> first = bed.post("/v1/certificates/" + serial + "/revoke", alice, "{\"reason\":\"KEY_COMPROMISE\"}");
    HttpResponse<String> second = bed.post("/v1/certificates/" + serial + "/revoke", alice, "{\"reason\":\"SUPERSEDED\"}");

    assertEquals(200, first.statusCode(), first.body());
    assertEquals(200, second.statusCode(), second.body());
    assertEquals(new JsonObject(first.body()), new JsonObject(second.body()));
    assertEquals("revoked", new JsonObject(first.body()).getString("status"));
    assertEquals("KEY_COMPROMISE", new JsonObject(second.body()).getString("revocationReason"));
    List<CertificateRevoked> events = TopicReader.data(bed.bootstrap, Topics.CERTIFICATES, CertificateRevoked.class)
        .stream().filter(e -> e.serialNumber().equals(serial)).toList();
    assertEquals(1, events.size());
    assertEquals(aliceId, events.get(0).revokedBy());
    assertTrue(bed.issuer.certificateAuthority().crlSigner().orElseThrow().caRevocations().stream()
        .anyMatch(r -> r.serialHex().equals(serial)), "revoked at the CA too");
    assertTrue(bed.get("/v1/certificates?status=revoked", alice).body().contains(serial));
  }

  @Test
  void anAdminMayRevokeAnyCertificate() {
    String serial = new JsonObject(issue(alice, new JsonObject().put("nodeId", alicesNode()).put("keyAlgorithm", "EC_P256"))
        .body()).getString("serialNumber");

    assertEquals(200, bed.post("/v1/certificates/" + serial + "/revoke", admin, "").statusCode());
  }

  // --- rate limits (issue 13.12) -------------------------------------------------------------------------

  @Test
  void overItsIssuanceLimitAnIdentityGets429WithRetryAfterAndOthersAreUnaffected() {
    String nodeId = alicesNode();
    var limited = io.nodeward.issuer.IssuerService.start(bed.vertx, bed.config(KAFKA.settings("issuer-limited"),
        java.util.Map.of("NODEWARD_ISSUER_ISSUE_RATE", "1", "NODEWARD_ISSUER_REVOKE_RATE", "1"))).await();
    try {
      String base = "http://127.0.0.1:" + limited.port();
      java.util.function.Function<String, HttpResponse<String>> issueThere = token -> bed.send(bed.postRequest(
          "/v1/certificates", token, new JsonObject().put("nodeId", nodeId).put("keyAlgorithm", "EC_P256").encode(),
          "application/json").uri(java.net.URI.create(base + "/v1/certificates")).build(),
          HttpResponse.BodyHandlers.ofString());
      // Sent at once, so the budget cannot refill in between however slow the machine is.
      List<HttpResponse<String>> burst = java.util.stream.IntStream.range(0, 6).mapToObj(i ->
              java.util.concurrent.CompletableFuture.supplyAsync(() -> issueThere.apply(alice)))
          .toList().stream().map(java.util.concurrent.CompletableFuture::join).toList();
      List<Integer> statuses = burst.stream().map(HttpResponse::statusCode).toList();
      HttpResponse<String> last = burst.stream().filter(r -> r.statusCode() == 429).findFirst().orElse(burst.get(5));

      assertTrue(statuses.contains(429), "six issuances at once against a limit of 1/s: " + statuses);
      HttpResponse<String> refused = last.statusCode() == 429 ? last : issueThere.apply(alice);
      problem(refused, 429, "RATE_LIMITED");
      assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
      assertEquals(201, issueThere.apply(admin).statusCode(), "another identity has its own budget");
      HttpResponse<String> firstRevoke = bed.send(bed.postRequest("/v1/certificates/abc/revoke", bob, "{}",
          "application/json").uri(java.net.URI.create(base + "/v1/certificates/abc/revoke")).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> secondRevoke = bed.send(bed.postRequest("/v1/certificates/abc/revoke", bob, "{}",
          "application/json").uri(java.net.URI.create(base + "/v1/certificates/abc/revoke")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, firstRevoke.statusCode());
      problem(secondRevoke, 429, "RATE_LIMITED");
    } finally {
      limited.close().await();
    }
  }

  // --- public routes -------------------------------------------------------------------------------------

  @Test
  void theCaChainIsPublicAndWrittenToTheDataDirectory() throws Exception {
    HttpResponse<String> response = bed.get("/v1/ca", null);

    assertEquals(200, response.statusCode());
    assertEquals(bed.issuer.caChainPem(), response.body());
    assertEquals(response.body(), Files.readString(dataDir.resolve("issuer/ca-chain.pem")));
  }

  @Test
  void healthIsPublicAndUnknownRoutesAreProblems() {
    assertEquals(200, bed.get("/health", null).statusCode());
    problem(bed.get("/v1/nope-" + UUID.randomUUID(), alice), 404, "NOT_FOUND");
  }

  @Test
  void healthHasTheServicesOneShapeWithNamedChecks() {
    JsonObject live = new JsonObject(bed.get("/health/live", null).body());
    JsonObject ready = new JsonObject(bed.get("/health/ready", null).body());

    assertEquals(new JsonObject().put("status", "UP").put("service", "issuer"), live);
    assertEquals("UP", ready.getString("status"));
    assertEquals("issuer", ready.getString("service"));
    JsonObject checks = ready.getJsonObject("checks");
    assertEquals("UP", checks.getJsonObject("stateConsumer").getString("status"));
    assertEquals("LOCAL", checks.getJsonObject("certificateAuthority").getString("backend"));
    assertEquals("UP", checks.getJsonObject("crl").getString("status"));
    assertEquals(ready.getString("status"), new JsonObject(bed.get("/health", null).body()).getString("status"));
  }

  @Test
  void eventsNameThisInstanceAsTheirSource() {
    String nodeId = alicesNode();
    var event = TopicReader.events(bed.bootstrap, Topics.NODES).stream()
        .filter(e -> e.data() instanceof NodeProvisioned p && p.nodeId().equals(nodeId)).findFirst().orElseThrow();

    assertEquals("issuer", io.nodeward.events.EventSource.parse(event.source()).service());
  }

  private static void assertKeyMatches(PrivateKey key, X509Certificate cert) throws Exception {
    String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(cert.getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertTrue(verifier.verify(signature), "the private key belongs to the certificate");
  }
}
