package io.nodeward.issuer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.Topics;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.IssuerService;
import io.nodeward.issuer.testing.IssuerTestBed;
import io.nodeward.issuer.testing.TopicReader;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer keeps no state of its own: a new instance on the same topics knows every node and certificate,
 * and two instances side by side see each other's changes.
 */
class RestartFromKafkaTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  @TempDir
  static Path dataDir;

  private static IssuerTestBed bed;
  private static String admin;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() {
    bed = IssuerTestBed.start(KAFKA.settings("issuer-restart-test"), dataDir);
    admin = bed.token(DevUsers.ADMIN);
    alice = bed.token(DevUsers.ALICE);
    bob = bed.token(DevUsers.BOB);
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static String issue(String nodeId) {
    return new JsonObject(bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", nodeId).put("keyAlgorithm", "EC_P256").encode()).body()).getString("serialNumber");
  }

  private static JsonObject certificate(JsonArray list, String serial) {
    return list.stream().map(JsonObject.class::cast).filter(c -> c.getString("serialNumber").equals(serial))
        .findFirst().orElseThrow(() -> new AssertionError("certificate " + serial + " not listed"));
  }

  @Test
  void aNewInstanceRebuildsNodesAndCertificatesFromTheTopics() {
    String aliceId = IssuerTestBed.sub(alice);
    assertEquals(201, bed.provision(admin, "kept-node", aliceId).statusCode());
    assertEquals(201, bed.provision(admin, "gone-node", IssuerTestBed.sub(bob)).statusCode());
    assertEquals(200, bed.delete("/v1/admin/nodes/gone-node", admin).statusCode());
    String active = issue("kept-node");
    String revoked = issue("kept-node");
    assertEquals(200, bed.post("/v1/certificates/" + revoked + "/revoke", alice, "{\"reason\":\"SUPERSEDED\"}").statusCode());
    String caBefore = bed.issuer.caChainPem();

    bed.issuer.close().await();
    bed.issuer = IssuerService.start(bed.vertx, bed.config(KAFKA.settings("issuer-restart-test"), Map.of())).await();

    assertTrue(bed.get("/v1/nodes", alice).body().contains("\"kept-node\""));
    assertFalse(bed.get("/v1/nodes", admin).body().contains("\"gone-node\""));
    JsonArray listed = new JsonObject(bed.get("/v1/certificates", alice).body()).getJsonArray("certificates");
    assertEquals("active", certificate(listed, active).getString("status"));
    assertEquals("revoked", certificate(listed, revoked).getString("status"));
    assertEquals("SUPERSEDED", certificate(listed, revoked).getString("revocationReason"));
    assertEquals(caBefore, bed.issuer.caChainPem(), "the local CA survived the restart");
    assertEquals(200, bed.post("/v1/certificates/" + revoked + "/revoke", alice, "{}").statusCode());
    assertEquals(1, TopicReader.data(bed.bootstrap, Topics.CERTIFICATES, CertificateRevoked.class).stream()
        .filter(e -> e.serialNumber().equals(revoked)).count(), "revoking again after restart publishes nothing");
    assertEquals(201, bed.post("/v1/certificates", alice, new JsonObject().put("nodeId", "kept-node")
        .put("keyAlgorithm", "EC_P256").encode()).statusCode());
    assertEquals(404, bed.post("/v1/certificates", alice, "{\"nodeId\":\"gone-node\"}").statusCode());
  }

  @Test
  void twoInstancesSeeEachOthersChanges() throws Exception {
    IssuerService second = IssuerService.start(bed.vertx, bed.config(KAFKA.settings("issuer-second"), Map.of())).await();
    try {
      assertEquals(201, bed.provision(admin, "shared-node", IssuerTestBed.sub(alice)).statusCode());
      String serial = issue("shared-node");

      awaitTrue(() -> second.nodes().find("shared-node").isPresent() && second.certificates().find(serial).isPresent());
      assertEquals(bed.issuer.caChainPem(), second.caChainPem(), "both instances sign with the CA under the data directory");
    } finally {
      second.close().await();
    }
  }

  /** Polls a condition the other instance's consumer makes true; bounded so a broken consumer fails the test. */
  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1_500 && !condition.getAsBoolean(); i++) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean(), "the other instance never saw the change");
  }
}
