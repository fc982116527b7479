package io.nodeward.issuer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CertificateStatus;
import io.nodeward.events.RevocationReason;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.app.CrlSigner;
import io.nodeward.issuer.testing.IssuerTestBed;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer's guarantee under a broker outage: a certificate is handed out only after Kafka acknowledged
 * CertificateIssued; otherwise the caller gets 503 and the certificate is revoked at the CA. The broker is
 * really stopped.
 */
class KafkaOutageTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  @TempDir
  static Path dataDir;

  private static IssuerTestBed bed;
  private static String alice;
  private static String admin;
  private static String issuedBeforeOutage;

  @BeforeAll
  static void startThenStopTheBroker() {
    bed = IssuerTestBed.start(KAFKA.settings("issuer-outage-test").withDeliveryTimeout(Duration.ofSeconds(3)), dataDir);
    admin = bed.token(DevUsers.ADMIN);
    alice = bed.token(DevUsers.ALICE);
    assertEquals(201, bed.provision(admin, "outage-node", IssuerTestBed.sub(alice)).statusCode());
    HttpResponse<String> before = bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", "outage-node").put("keyAlgorithm", "EC_P256").encode());
    assertEquals(201, before.statusCode(), before.body());
    issuedBeforeOutage = new JsonObject(before.body()).getString("serialNumber");

    KAFKA.broker().close();
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void aCertificateWhoseIssuanceKafkaDidNotAcknowledgeIsRevokedAtTheCaAndNeverHandedOut() {
    CrlSigner ca = bed.issuer.certificateAuthority().crlSigner().orElseThrow();
    int certificatesKnown = bed.issuer.certificates().size();

    HttpResponse<String> response = bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", "outage-node").put("keyAlgorithm", "EC_P256").encode());

    assertEquals(503, response.statusCode(), response.body());
    assertEquals("EVENT_NOT_ACKNOWLEDGED", new JsonObject(response.body()).getString("code"));
    assertFalse(response.body().contains("CERTIFICATE"), "no certificate in the answer");
    var revoked = ca.caRevocations().stream()
        .filter(r -> r.reason() == RevocationReason.CESSATION_OF_OPERATION).toList();
    assertEquals(1, revoked.size(), "the signed but unrecorded certificate is revoked at the CA");
    assertTrue(bed.issuer.certificates().find(revoked.get(0).serialHex()).isEmpty());
    assertEquals(certificatesKnown, bed.issuer.certificates().size());
  }

  @Test
  void aRevocationKafkaDidNotAcknowledgeAnswers503AndTheCertificateStaysActiveInTheIssuersView() {
    HttpResponse<String> response = bed.post("/v1/certificates/" + issuedBeforeOutage + "/revoke", alice, "{}");

    assertEquals(503, response.statusCode(), response.body());
    assertEquals(CertificateStatus.ACTIVE,
        bed.issuer.certificates().find(issuedBeforeOutage).orElseThrow().status(Instant.now()));
  }

  @Test
  void provisioningDuringTheOutageAnswers503AndCreatesNothing() {
    HttpResponse<String> response = bed.provision(admin, "never-created", IssuerTestBed.sub(alice));

    assertEquals(503, response.statusCode(), response.body());
    assertTrue(bed.issuer.nodes().find("never-created").isEmpty());
  }

  @Test
  void theCaChainIsStillServedDuringTheOutage() {
    assertEquals(200, bed.get("/v1/ca", null).statusCode());
  }
}
