package io.nodeward.issuer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.RevocationReason;
import io.nodeward.events.Topics;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.testing.IssuerTestBed;
import io.nodeward.issuer.testing.TopicReader;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console's and the CLI's inventory pages call, over real HTTP with real tokens: paginated lists with
 * filters and cursors, one certificate or node by id, serials and revocation reasons as people spell them.
 */
class InventoryApiTest {

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

  @BeforeAll
  static void start() {
    bed = IssuerTestBed.start(KAFKA.settings("issuer-inventory-test"), dataDir);
    admin = bed.token(DevUsers.ADMIN);
    alice = bed.token(DevUsers.ALICE);
    bob = bed.token(DevUsers.BOB);
    aliceId = IssuerTestBed.sub(alice);
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static String alicesNode() {
    String nodeId = "inv-node-" + NODES.incrementAndGet();
    assertEquals(201, bed.provision(admin, nodeId, aliceId).statusCode());
    return nodeId;
  }

  private static String issue(String nodeId, JsonObject extra) {
    HttpResponse<String> response = bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", nodeId).put("keyAlgorithm", "EC_P256").mergeIn(extra).encode());
    assertEquals(201, response.statusCode(), response.body());
    return new JsonObject(response.body()).getString("serialNumber");
  }

  private static JsonObject ok(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  private static void problem(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertEquals(code, new JsonObject(response.body()).getString("code"), response.body());
  }

  private static List<String> serials(JsonObject page) {
    return page.getJsonArray("certificates").stream().map(JsonObject.class::cast)
        .map(c -> c.getString("serialNumber")).toList();
  }

  // --- certificate list ------------------------------------------------------------------------------------

  @Test
  void theInventoryPagesWithACursorUntilNextCursorIsNull() {
    String nodeId = alicesNode();
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      issued.add(issue(nodeId, new JsonObject()));
    }

    List<String> walked = new ArrayList<>();
    String path = "/v1/certificates?nodeId=" + nodeId + "&limit=3";
    JsonObject page = ok(bed.get(path, alice));
    int pages = 1;
    walked.addAll(serials(page));
    while (page.getString("nextCursor") != null) {
      page = ok(bed.get(path + "&cursor=" + page.getString("nextCursor"), alice));
      walked.addAll(serials(page));
      pages++;
    }

    assertEquals(3, pages);
    assertEquals(7, walked.size());
    assertEquals(issued.stream().sorted().toList(), walked.stream().sorted().toList());
    assertTrue(page.containsKey("nextCursor"), "the last page says so with nextCursor: null");
  }

  @Test
  void eachListedCertificateCarriesWhatAnInventoryShows() {
    String nodeId = alicesNode();
    String serial = issue(nodeId, new JsonObject());
    assertEquals(200, bed.post("/v1/certificates/" + serial + "/revoke", alice, "{\"reason\":\"superseded\"}").statusCode());

    JsonObject listed = ok(bed.get("/v1/certificates?nodeId=" + nodeId, alice)).getJsonArray("certificates").getJsonObject(0);

    assertEquals(serial, listed.getString("serialNumber"));
    assertEquals(nodeId, listed.getString("nodeId"));
    assertEquals(aliceId, listed.getString("userId"));
    assertEquals("EC_P256", listed.getString("keyAlgorithm"));
    assertEquals("SERVER_GENERATED", listed.getString("keySource"));
    assertTrue(listed.getString("notBefore").endsWith("Z"));
    assertTrue(listed.getString("notAfter").endsWith("Z"));
    assertEquals("revoked", listed.getString("status"));
    assertEquals("SUPERSEDED", listed.getString("revocationReason"));
    assertTrue(listed.containsKey("revokedAt"));
    assertEquals(aliceId, listed.getString("revokedBy"));
    assertFalse(listed.containsKey("certificatePem"), "lists stay small; the PEM is on the detail route");
  }

  @Test
  void expiringWithinSelectsActiveCertificatesThatEndSoon() {
    String nodeId = alicesNode();
    String soon = issue(nodeId, new JsonObject().put("validityHours", 2));
    String later = issue(nodeId, new JsonObject().put("validityHours", 48));

    List<String> listed = serials(ok(bed.get("/v1/certificates?nodeId=" + nodeId + "&expiringWithin=3h", alice)));
    assertEquals(List.of(soon), listed);
    assertEquals(2, serials(ok(bed.get("/v1/certificates?nodeId=" + nodeId + "&expiringWithin=P3D&status=ACTIVE", alice))).size());
    assertFalse(serials(ok(bed.get("/v1/certificates?nodeId=" + nodeId + "&expiringWithin=3h", alice))).contains(later));
    problem(bed.get("/v1/certificates?expiringWithin=soon", alice), 400, "INVALID_DURATION");
    problem(bed.get("/v1/certificates?expiringWithin=-1d", alice), 400, "INVALID_DURATION");
  }

  @Test
  void badPagingParametersAreProblemsAndAForgedCursorIsRefused() {
    String nodeId = alicesNode();
    issue(nodeId, new JsonObject());
    issue(nodeId, new JsonObject());
    String cursor = ok(bed.get("/v1/certificates?nodeId=" + nodeId + "&limit=1", alice)).getString("nextCursor");
    String nodeCursor = ok(bed.get("/v1/nodes?limit=1", admin)).getString("nextCursor");

    problem(bed.get("/v1/certificates?limit=0", alice), 400, "INVALID_LIMIT");
    problem(bed.get("/v1/certificates?limit=501", alice), 400, "INVALID_LIMIT");
    problem(bed.get("/v1/certificates?limit=ten", alice), 400, "INVALID_LIMIT");
    problem(bed.get("/v1/certificates?cursor=" + cursor.substring(1), alice), 400, "INVALID_CURSOR");
    problem(bed.get("/v1/certificates?cursor=" + nodeCursor, alice), 400, "INVALID_CURSOR");
    problem(bed.get("/v1/certificates?limit=1&limit=2", alice), 400, "INVALID_QUERY");
  }

  @Test
  void aCursorGivesNothingAwayOfOtherUsersCertificates() {
    String nodeId = alicesNode();
    issue(nodeId, new JsonObject());
    issue(nodeId, new JsonObject());
    String alicesCursor = ok(bed.get("/v1/certificates?limit=1", alice)).getString("nextCursor");

    JsonObject bobs = ok(bed.get("/v1/certificates?cursor=" + alicesCursor, bob));

    assertTrue(serials(bobs).isEmpty(), "a cursor is a position, not a permission");
    assertTrue(serials(ok(bed.get("/v1/certificates?userId=" + aliceId, bob))).isEmpty());
    assertFalse(serials(ok(bed.get("/v1/certificates?userId=" + aliceId, admin))).isEmpty());
  }

  // --- one certificate ------------------------------------------------------------------------------------

  @Test
  void oneCertificateByAnySpellingOfItsSerialWithItsPem() {
    String serial = issue(alicesNode(), new JsonObject());
    String upperWithZero = "00" + serial.toUpperCase();
    String colons = colonSeparated(serial);

    for (String spelling : List.of(serial, upperWithZero, colons)) {
      JsonObject one = ok(bed.get("/v1/certificates/" + URLEncoder.encode(spelling, StandardCharsets.UTF_8), alice));
      assertEquals(serial, one.getString("serialNumber"), spelling);
      assertTrue(one.getString("certificatePem").startsWith("-----BEGIN CERTIFICATE-----"));
      assertEquals(bed.issuer.caChainPem(), one.getString("certificateChainPem"));
    }
    assertEquals(serial, serials(ok(bed.get("/v1/certificates?serial=" + colons, alice))).get(0));
  }

  @Test
  void anotherUsersCertificateIsA404LikeAnUnknownOne() {
    String serial = issue(alicesNode(), new JsonObject());

    HttpResponse<String> othersCertificate = bed.get("/v1/certificates/" + serial, bob);
    HttpResponse<String> unknown = bed.get("/v1/certificates/abcdef0123", bob);

    problem(othersCertificate, 404, "UNKNOWN_CERTIFICATE");
    problem(unknown, 404, "UNKNOWN_CERTIFICATE");
    assertEquals(withoutInstance(unknown), withoutInstance(othersCertificate));
    problem(bed.get("/v1/certificates/not-a-serial", bob), 400, "INVALID_SERIAL");
    assertEquals(200, bed.get("/v1/certificates/" + serial, admin).statusCode());
  }

  // --- revocation spellings ----------------------------------------------------------------------------------

  @Test
  void aSerialAsOpensslPrintsItRevokesAndTheReasonMayBeSpelledAsRfc5280Does() {
    String serial = issue(alicesNode(), new JsonObject());
    // openssl x509 -serial prints upper-case hex with a leading zero octet when the top bit is set.
    String asOpensslPrintsIt = HexFormat.of().withUpperCase().formatHex(new BigInteger(serial, 16).toByteArray());

    HttpResponse<String> response = bed.post("/v1/certificates/" + asOpensslPrintsIt + "/revoke", alice,
        "{\"reason\":\"keyCompromise\"}");

    JsonObject revoked = ok(response);
    assertEquals(serial, revoked.getString("serialNumber"));
    assertEquals("KEY_COMPROMISE", revoked.getString("revocationReason"));
    CertificateRevoked event = TopicReader.data(bed.bootstrap, Topics.CERTIFICATES, CertificateRevoked.class).stream()
        .filter(e -> e.serialNumber().equals(serial)).findFirst().orElseThrow();
    assertEquals(RevocationReason.KEY_COMPROMISE, event.reason());
  }

  @Test
  void kebabCaseReasonsWorkAndHoldsAreRefused() {
    String serial = issue(alicesNode(), new JsonObject());

    problem(bed.post("/v1/certificates/" + serial + "/revoke", alice, "{\"reason\":\"certificateHold\"}"), 400,
        "INVALID_REASON");
    assertEquals("CESSATION_OF_OPERATION", ok(bed.post("/v1/certificates/" + colonSeparated(serial) + "/revoke", alice,
        "{\"reason\":\"cessation-of-operation\"}")).getString("revocationReason"));
  }

  // --- nodes ----------------------------------------------------------------------------------------------

  @Test
  void nodesPageInIdOrderAndEachOwnerSeesOnlyTheirs() {
    List<String> mine = List.of(alicesNode(), alicesNode(), alicesNode());

    List<String> walked = new ArrayList<>();
    JsonObject page = ok(bed.get("/v1/nodes?limit=2", alice));
    walked.addAll(nodeIds(page));
    while (page.getString("nextCursor") != null) {
      page = ok(bed.get("/v1/nodes?limit=2&cursor=" + page.getString("nextCursor"), alice));
      walked.addAll(nodeIds(page));
    }

    assertTrue(walked.containsAll(mine));
    assertEquals(walked.stream().sorted().toList(), walked);
    assertTrue(nodeIds(ok(bed.get("/v1/nodes?limit=500", bob))).stream().noneMatch(mine::contains));
    assertTrue(nodeIds(ok(bed.get("/v1/nodes?ownerUserId=" + aliceId, bob))).isEmpty());
    assertTrue(nodeIds(ok(bed.get("/v1/nodes?ownerUserId=" + aliceId + "&limit=500", admin))).containsAll(mine));
    problem(bed.get("/v1/nodes?limit=0", alice), 400, "INVALID_LIMIT");
    problem(bed.get("/v1/nodes?page=2", alice), 400, "INVALID_QUERY");
  }

  @Test
  void oneNodeForItsOwnerAndA404ForEveryoneElse() {
    String nodeId = alicesNode();

    assertEquals(aliceId, ok(bed.get("/v1/nodes/" + nodeId, alice)).getString("ownerUserId"));
    assertEquals(nodeId, ok(bed.get("/v1/nodes/" + nodeId, admin)).getString("nodeId"));
    HttpResponse<String> others = bed.get("/v1/nodes/" + nodeId, bob);
    HttpResponse<String> unknown = bed.get("/v1/nodes/no-such-node", bob);
    problem(others, 404, "UNKNOWN_NODE");
    problem(unknown, 404, "UNKNOWN_NODE");
    assertEquals(withoutInstance(unknown), withoutInstance(others));
    problem(bed.get("/v1/nodes/Bad_Node", alice), 400, "INVALID_NODE_ID");
  }

  @Test
  void validityMinutesMakesShortLivedCertificatesAndCannotBeCombinedWithHours() {
    String nodeId = alicesNode();
    JsonObject issued = new JsonObject(bed.post("/v1/certificates", alice, new JsonObject().put("nodeId", nodeId)
        .put("keyAlgorithm", "EC_P256").put("validityMinutes", 5).encode()).body());

    long seconds = java.time.Duration.between(java.time.Instant.parse(issued.getString("notBefore")),
        java.time.Instant.parse(issued.getString("notAfter"))).toSeconds();
    assertEquals(6 * 60, seconds, "five minutes plus the one-minute backdate");
    HttpResponse<String> both = bed.post("/v1/certificates", alice, new JsonObject().put("nodeId", nodeId)
        .put("validityMinutes", 5).put("validityHours", 1).encode());
    problem(both, 400, "INVALID_REQUEST");
    assertNull(new JsonObject(bed.get("/v1/certificates/" + issued.getString("serialNumber"), alice).body())
        .getString("renews"));
  }

  /** The problem body apart from {@code instance}, which names the path asked for. */
  private static JsonObject withoutInstance(HttpResponse<String> response) {
    JsonObject body = new JsonObject(response.body());
    body.remove("instance");
    return body;
  }

  private static List<String> nodeIds(JsonObject page) {
    JsonArray nodes = page.getJsonArray("nodes");
    return nodes.stream().map(JsonObject.class::cast).map(n -> n.getString("nodeId")).toList();
  }

  private static String colonSeparated(String serial) {
    String even = serial.length() % 2 == 0 ? serial : "0" + serial;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < even.length(); i += 2) {
      out.append(i == 0 ? "" : ":").append(even, i, i + 2);
    }
    return out.toString().toUpperCase();
  }
}
