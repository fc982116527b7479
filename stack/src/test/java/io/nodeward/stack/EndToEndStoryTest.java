package io.nodeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.EventType;
import io.nodeward.identity.DevUsers;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole story against one running stack, through its public interfaces only: sign in with the AWS SDK,
 * provision, get certificates (server-generated and CSR), call the node through the mTLS gateway, revoke on an
 * open connection, read the audit trail and verify it; and the refusals: someone else's node, someone else's
 * audit records, a certificate used for another node, a tampered token. The steps share one stack and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndStoryTest {

  private static final Logger LOG = LoggerFactory.getLogger(EndToEndStoryTest.class);
  private static final String NODE_A = DemoNode.NODE_ID;
  private static final String NODE_B = "alice-node-b";
  private static final String ISSUED = EventType.CERTIFICATE_ISSUED.type();
  private static final String REVOKED = EventType.CERTIFICATE_REVOKED.type();
  private static final String DECIDED = EventType.ACCESS_DECIDED.type();
  private static final String DENIED = EventType.ISSUANCE_DENIED.type();

  @TempDir
  static Path dataDir;

  static StackHarness stack;
  static StackHarness.Session admin;
  static StackHarness.Session alice;
  static StackHarness.Session bob;
  static StackHarness.Session auditor;
  static JsonObject rsaCert;
  static JsonObject csrCert;
  static KeyPair csrKeys;
  static GatewayClient rsaClient;
  static GatewayClient ecClient;
  static GatewayClient.Answer firstAllowed;
  static GatewayClient.Answer firstDenied;

  @BeforeAll
  static void startStack() {
    stack = StackHarness.start(dataDir);
  }

  @AfterAll
  static void stopStack() {
    for (GatewayClient client : new GatewayClient[] {rsaClient, ecClient}) {
      if (client != null) {
        client.close();
      }
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void everyDevUserSignsInWithTheAwsSdkAndGetsACognitoToken() {
    admin = stack.signIn(DevUsers.ADMIN);
    alice = stack.signIn(DevUsers.ALICE);
    bob = stack.signIn(DevUsers.BOB);
    auditor = stack.signIn(DevUsers.AUDITOR);

    assertEquals(stack.stack.aliceUserId(), alice.userId(), "alice's sub is the owner of the demo node");
    assertEquals(4, java.util.stream.Stream.of(admin, alice, bob, auditor).map(StackHarness.Session::userId)
        .distinct().count(), "four different users");
    JsonObject claims = StackHarness.claims(admin.accessToken());
    assertEquals("access", claims.getString("token_use"));
    assertEquals(StackHarness.CLIENT_ID, claims.getString("client_id"));
    assertEquals(stack.stack.identity().issuer(), claims.getString("iss"));
    assertTrue(claims.getJsonArray("cognito:groups").contains("admin"));

    StackHarness.Session refreshed = stack.refresh(alice);
    assertEquals(alice.userId(), refreshed.userId(), "REFRESH_TOKEN_AUTH signs in the same user");
    StackHarness.Reply nodes = stack.issuerGet("/v1/nodes", refreshed);
    assertEquals(200, nodes.status(), "the refreshed access token is accepted: " + nodes);
  }

  @Test
  @Order(2)
  void anAdminProvisionsASecondNodeForAliceButAliceCannotProvisionNodes() {
    String upstream = "http://127.0.0.1:" + stack.stack.demoNode().port();
    StackHarness.Reply byAlice = stack.provisionNode(alice, "alice-own-node", alice.userId(), upstream);
    assertEquals(403, byAlice.status(), byAlice.toString());
    assertEquals("ADMIN_REQUIRED", byAlice.code());

    StackHarness.Reply created = stack.provisionNode(admin, NODE_B, alice.userId(), upstream);
    assertEquals(201, created.status(), created.toString());
    assertEquals(alice.userId(), created.json().getString("ownerUserId"));

    StackHarness.Reply nodes = stack.issuerGet("/v1/nodes", alice);
    assertEquals(200, nodes.status(), nodes.toString());
    String listed = nodes.text();
    assertTrue(listed.contains(NODE_A) && listed.contains(NODE_B), "alice sees both her nodes: " + listed);
  }

  @Test
  @Order(3)
  void aliceGetsAServerGeneratedRsaCertificateWithItsPrivateKey() throws Exception {
    rsaCert = stack.issued(alice, new JsonObject().put("nodeId", NODE_A));

    assertTrue(rsaCert.getString("keyAlgorithm").startsWith("RSA"), rsaCert.getString("keyAlgorithm"));
    assertNotNull(rsaCert.getString("privateKeyPem"), "a generated key is handed over once");
    assertEquals(alice.userId(), rsaCert.getString("userId"));
    assertEquals(NODE_A, rsaCert.getString("nodeId"));
    X509Certificate cert = certificate(rsaCert.getString("certificatePem"));
    assertEquals("RSA", cert.getPublicKey().getAlgorithm());
    assertEquals(rsaCert.getString("serialNumber"), cert.getSerialNumber().toString(16));
    assertTrue(sanUris(cert).contains("spiffe://nodeward.local/user/" + alice.userId() + "/node/" + NODE_A),
        "the identity SAN names alice and the node: " + sanUris(cert));
  }

  @Test
  @Order(4)
  void aliceGetsACertificateForHerOwnEcCsrAndNoPrivateKeyComesBack() throws Exception {
    csrKeys = ClientKeys.ecP256();
    csrCert = stack.issued(alice, new JsonObject().put("nodeId", NODE_A)
        .put("csrPem", ClientKeys.csrPem(csrKeys, "whatever-the-csr-says")));

    assertFalse(csrCert.containsKey("privateKeyPem"), "the key stayed with the client: " + csrCert.fieldNames());
    assertEquals("CLIENT_CSR", csrCert.getString("keySource"));
    X509Certificate cert = certificate(csrCert.getString("certificatePem"));
    assertEquals(csrKeys.getPublic(), cert.getPublicKey(), "the certificate is for the CSR's key");
    assertTrue(sanUris(cert).contains("spiffe://nodeward.local/user/" + alice.userId() + "/node/" + NODE_A),
        "the identity comes from the issuer, not from the CSR's subject: " + sanUris(cert));
  }

  @Test
  @Order(5)
  void bothCertificatesReachTheNodeThroughTheGatewayAndTheNodeSeesAlice() {
    rsaClient = stack.gateway(rsaCert.getString("certificatePem"), rsaCert.getString("privateKeyPem"));
    firstAllowed = rsaClient.get("/nodes/" + NODE_A + "/hello?x=1");
    assertEquals(200, firstAllowed.status(), firstAllowed.toString());
    assertEquals(alice.userId(), firstAllowed.json().getString("user"), "X-Nodeward-User is alice's sub");
    assertEquals(NODE_A, firstAllowed.json().getString("nodeHeader"));
    assertEquals("/hello", firstAllowed.json().getString("path"), "the gateway strips /nodes/<nodeId>");

    ecClient = stack.gateway(csrCert.getString("certificatePem"), ClientKeys.pkcs8Pem(csrKeys.getPrivate()));
    GatewayClient.Answer viaCsrCert = ecClient.get("/nodes/" + NODE_A + "/hello");
    assertEquals(200, viaCsrCert.status(), viaCsrCert.toString());
    assertEquals(alice.userId(), viaCsrCert.json().getString("user"));
  }

  @Test
  @Order(6)
  void revokingTheCertificateDeniesTheNextRequestOnTheSameOpenConnectionWithinASecond() {
    StackHarness.Reply revoked = stack.revoke(alice, rsaCert.getString("serialNumber"), "KEY_COMPROMISE");
    long revokedAt = System.nanoTime();
    assertEquals(200, revoked.status(), revoked.toString());
    assertEquals("revoked", revoked.json().getString("status"));

    int[] allowedAfterRevoke = {0};
    firstDenied = Poll.until("a 403 on alice's open connection after the revocation", Duration.ofSeconds(1),
        () -> rsaClient.get("/nodes/" + NODE_A + "/hello"),
        answer -> {
          if (answer.status() == 200) {
            allowedAfterRevoke[0]++;
          }
          return answer.status() != 200;
        });
    LOG.info("REVOCATION: denied on the open connection {} ms after the revoke answer; {} request(s) allowed in between",
        Duration.ofNanos(System.nanoTime() - revokedAt).toMillis(), allowedAfterRevoke[0]);

    assertEquals(403, firstDenied.status(), firstDenied.toString());
    assertEquals("REVOKED", firstDenied.code());
    assertTrue(String.valueOf(firstDenied.contentType()).startsWith("application/problem+json"), firstDenied.contentType());
    assertTrue(firstDenied.text().contains("decisionId"), firstDenied.text());
    assertSame(firstAllowed.connection(), firstDenied.connection(), "the same kept-alive connection");
    assertEquals(1, rsaClient.connectionsOpened(), "the client never opened a second connection");
  }

  @Test
  @Order(7)
  void theAuditTrailHoldsTheIssuanceTheAllowTheRevocationAndTheDenyInOrderAndVerifies() {
    String serial = rsaCert.getString("serialNumber");
    String deniedDecision = firstDenied.json().getString("decisionId");
    List<JsonObject> trail = Poll.until("the deny decision " + deniedDecision + " in the audit trail",
        () -> forSerial(stack.auditEvents(auditor, "nodeId=" + NODE_A), serial),
        records -> records.stream().anyMatch(r -> deniedDecision.equals(data(r).getString("decisionId"))));

    long issued = first(trail, r -> ISSUED.equals(r.getString("type")), "CertificateIssued");
    long allowed = first(trail, r -> DECIDED.equals(r.getString("type")) && "ALLOW".equals(r.getString("effect")),
        "an ALLOW decision");
    long revoked = first(trail, r -> REVOKED.equals(r.getString("type")), "CertificateRevoked");
    long denied = first(trail, r -> deniedDecision.equals(data(r).getString("decisionId")), "the DENY decision");
    assertTrue(issued < allowed && allowed < revoked && revoked < denied,
        "issued " + issued + " < allowed " + allowed + " < revoked " + revoked + " < denied " + denied);

    JsonObject deny = trail.stream().filter(r -> r.getLong("sequence") == denied).findFirst().orElseThrow();
    assertEquals("DENY", deny.getString("effect"));
    assertEquals("REVOKED", deny.getString("reason"));
    assertEquals(alice.userId(), deny.getString("userId"));
    JsonObject revocation = trail.stream().filter(r -> r.getLong("sequence") == revoked).findFirst().orElseThrow();
    assertEquals("KEY_COMPROMISE", revocation.getString("reason"));
    assertEquals(1, trail.stream().filter(r -> ISSUED.equals(r.getString("type"))).count(), "issued once");
    assertEquals(1, trail.stream().filter(r -> REVOKED.equals(r.getString("type"))).count(), "revoked once");
    assertFalse(trail.toString().contains("PRIVATE KEY"), "no private key in the trail");

    JsonObject verdict = stack.verifyAudit(auditor);
    assertEquals(Boolean.TRUE, verdict.getBoolean("intact"), verdict.encodePrettily());
    assertTrue(verdict.getLong("recordsChecked") >= trail.size(), verdict.encode());
  }

  @Test
  @Order(8)
  void bobIsRefusedACertificateForAlicesNodeAndTheRefusalIsAudited() {
    StackHarness.Reply refused = stack.generateCert(bob, NODE_A);

    // Issue 13.9: to bob, alice's node looks exactly like one that does not exist; the trail says why.
    assertEquals(404, refused.status(), refused.toString());
    assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    assertEquals("UNKNOWN_NODE", refused.code());
    assertEquals(404, refused.json().getInteger("status"));
    assertFalse(refused.text().contains("BEGIN"), "no certificate or key in a refusal");

    JsonObject audited = Poll.until("bob's refusal in the audit trail",
        () -> stack.auditEvents(auditor, "type=" + DENIED + "&nodeId=" + NODE_A).stream()
            .filter(r -> bob.userId().equals(r.getString("userId"))).findFirst(),
        Optional::isPresent).orElseThrow();
    assertEquals("NOT_OWNER", audited.getString("reason"));
    assertEquals("DENY", audited.getString("effect"));
    assertEquals(NODE_A, audited.getString("nodeId"));
  }

  @Test
  @Order(9)
  void bobCannotReadAlicesAuditRecordsButAliceCanReadHerOwn() {
    StackHarness.Reply asked = stack.auditGet("/v1/audit/events?userId=" + alice.userId(), bob);
    assertEquals(403, asked.status(), asked.toString());
    assertEquals("NOT_YOUR_RECORDS", asked.code());

    List<JsonObject> bobsView = stack.auditEvents(bob, "nodeId=" + NODE_A);
    assertFalse(bobsView.isEmpty(), "bob sees his own refusal");
    assertTrue(bobsView.stream().allMatch(r -> bob.userId().equals(r.getString("userId"))),
        "bob sees only his own records on alice's node: " + bobsView);

    StackHarness.Reply verify = stack.auditGet("/v1/audit/verify", bob);
    assertEquals(403, verify.status(), verify.toString());
    assertEquals("AUDITOR_ONLY", verify.code());

    List<JsonObject> alicesView = stack.auditEvents(alice, "nodeId=" + NODE_A);
    assertTrue(alicesView.stream().anyMatch(r -> rsaCert.getString("serialNumber").equals(r.getString("serial"))),
        "alice sees her certificate's records");
    assertTrue(alicesView.stream().allMatch(r -> alice.userId().equals(r.getString("userId"))));
  }

  @Test
  @Order(10)
  void aCertificateForNodeAUsedAgainstNodeBIsDeniedAsANodeMismatch() {
    GatewayClient.Answer mismatch = ecClient.get("/nodes/" + NODE_B + "/hello");
    assertEquals(403, mismatch.status(), mismatch.toString());
    assertEquals("NODE_MISMATCH", mismatch.code());

    GatewayClient.Answer stillFine = ecClient.get("/nodes/" + NODE_A + "/hello");
    assertEquals(200, stillFine.status(), "the same certificate still opens its own node: " + stillFine);

    String decisionId = mismatch.json().getString("decisionId");
    JsonObject audited = Poll.until("the NODE_MISMATCH decision in the audit trail",
        () -> stack.auditEvents(auditor, "nodeId=" + NODE_B + "&effect=DENY").stream()
            .filter(r -> decisionId.equals(data(r).getString("decisionId"))).findFirst(),
        Optional::isPresent).orElseThrow();
    assertEquals("NODE_MISMATCH", audited.getString("reason"));
    assertEquals(csrCert.getString("serialNumber"), audited.getString("serial"));
  }

  @Test
  @Order(11)
  void aTokenWhosePayloadWasEditedIsRefusedEverywhere() {
    String[] aliceParts = alice.accessToken().split("\\.");
    String[] adminParts = admin.accessToken().split("\\.");
    // admin's claims under alice's signature: the signature no longer matches
    StackHarness.Session forged = new StackHarness.Session("forged",
        aliceParts[0] + "." + adminParts[1] + "." + aliceParts[2], admin.userId(), null);

    StackHarness.Reply issuer = stack.provisionNode(forged, "forged-node", bob.userId(), "http://127.0.0.1:1");
    assertEquals(401, issuer.status(), issuer.toString());
    StackHarness.Reply audit = stack.auditGet("/v1/audit/events", forged);
    assertEquals(401, audit.status(), audit.toString());
    StackHarness.Reply anonymous = stack.generateCert(null, NODE_A);
    assertEquals(401, anonymous.status(), anonymous.toString());
    assertNull(anonymous.json() == null ? null : anonymous.json().getString("certificatePem"));
  }

  @Test
  @Order(12)
  void everyEventOnKafkaIsAValidCloudEventWithoutSecretsAndTheAuditTrailHoldsEachExactlyOnce() throws Exception {
    io.nodeward.events.EventCodec codec = new io.nodeward.events.EventCodec();
    List<String> topics = io.nodeward.events.Topics.ALL.stream().map(io.nodeward.events.Topic::name).toList();
    var records = TopicReader.readAll(stack.stack.bootstrapServers(), topics);

    assertTrue(records.stream().noneMatch(r -> r.topic().equals(io.nodeward.events.Topics.DEAD_LETTER.name())),
        "nothing was dead-lettered");
    java.util.Set<String> secrets = new java.util.HashSet<>(List.of("PRIVATE KEY", admin.accessToken(),
        alice.accessToken(), bob.accessToken(), auditor.accessToken(), alice.refreshToken()));
    DevUsers.SEED.forEach(user -> secrets.add(user.password()));
    java.util.Set<String> kafkaIds = new java.util.HashSet<>();
    for (var record : records) {
      String text = new String(record.value(), StandardCharsets.UTF_8);
      for (String secret : secrets) {
        assertFalse(text.contains(secret), "a secret in " + record.topic() + " at offset " + record.offset());
      }
      var event = codec.decode(record.value());
      assertEquals(record.key(), event.data().key(), "records are keyed by their event's key");
      // Checkpoints come from the audit itself; authorizer statuses are liveness, not records for the trail.
      if (event.type() != EventType.AUDIT_CHECKPOINT && event.type() != EventType.AUDIT_LOG_CHECKPOINT
          && event.type() != EventType.AUTHORIZER_STATUS) {
        assertTrue(kafkaIds.add(event.id().toString()), "event " + event.id() + " published twice");
      }
    }
    assertTrue(kafkaIds.size() >= 10, "the story published its events: " + kafkaIds.size());

    List<JsonObject> trail = Poll.until("every Kafka event in the audit trail",
        () -> stack.auditEvents(auditor, null).stream()
            .filter(r -> !EventType.AUDIT_CHECKPOINT.type().equals(r.getString("type"))
                && !EventType.AUDIT_LOG_CHECKPOINT.type().equals(r.getString("type"))).toList(),
        all -> all.stream().map(r -> r.getString("eventId")).collect(java.util.stream.Collectors.toSet())
            .containsAll(kafkaIds));
    assertEquals(trail.size(), trail.stream().map(r -> r.getString("eventId")).distinct().count(),
        "each event stored once");
    assertEquals(kafkaIds, trail.stream().map(r -> r.getString("eventId")).collect(java.util.stream.Collectors.toSet()),
        "the trail holds exactly the events on Kafka");
  }

  // --- helpers ------------------------------------------------------------------------------------------------

  private static List<JsonObject> forSerial(List<JsonObject> records, String serial) {
    return records.stream().filter(r -> serial.equals(r.getString("serial"))).toList();
  }

  private static JsonObject data(JsonObject record) {
    JsonObject event = record.getJsonObject("event");
    JsonObject data = event == null ? null : event.getJsonObject("data");
    return data == null ? new JsonObject() : data;
  }

  private static long first(List<JsonObject> trail, java.util.function.Predicate<JsonObject> match, String what) {
    return trail.stream().filter(match).mapToLong(r -> r.getLong("sequence")).min()
        .orElseThrow(() -> new AssertionError("no " + what + " in the trail: " + trail));
  }

  static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  static List<String> sanUris(X509Certificate cert) throws Exception {
    return cert.getSubjectAlternativeNames().stream()
        .filter(san -> Integer.valueOf(6).equals(san.get(0)))
        .map(san -> (String) san.get(1))
        .toList();
  }
}
