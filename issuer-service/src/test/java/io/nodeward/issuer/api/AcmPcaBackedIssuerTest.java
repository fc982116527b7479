package io.nodeward.issuer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.Topics;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.IssuerService;
import io.nodeward.issuer.ca.LocalCa;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.testing.FakeAcmPca;
import io.nodeward.issuer.testing.IssuerTestBed;
import io.nodeward.issuer.testing.TestCsrs;
import io.nodeward.issuer.testing.TopicReader;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer configured with NODEWARD_CA_BACKEND=acm-pca, wired exactly as in production (AWS SDK v2 async
 * client, default credentials chain), against a local server speaking ACM PCA's JSON protocol.
 */
class AcmPcaBackedIssuerTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  @TempDir
  static Path dataDir;
  @TempDir
  static Path fakeCaDir;

  private static IssuerTestBed bed;
  private static FakeAcmPca fake;
  private static String alice;
  private static String aliceId;

  @BeforeAll
  static void start() {
    // The SDK's default credentials chain reads these; any value signs, the fake does not check SigV4 signatures.
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "test-secret");
    bed = IssuerTestBed.start(KAFKA.settings("issuer-acm-test"), dataDir);
    CertificateProfile profile = CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(7), Duration.ofDays(30));
    LocalCa signer = LocalCa.open(bed.vertx, fakeCaDir, "pw".toCharArray(), profile, Clock.systemUTC()).await();
    fake = new FakeAcmPca(bed.vertx, signer, profile);
    int port = fake.start().await();
    bed.issuer.close().await();
    bed.issuer = IssuerService.start(bed.vertx, bed.config(KAFKA.settings("issuer-acm-test"), Map.of(
        "NODEWARD_CA_BACKEND", "acm-pca",
        "NODEWARD_ACM_PCA_ARN", FakeAcmPca.CA_ARN,
        "NODEWARD_ACM_PCA_ENDPOINT", "http://127.0.0.1:" + port,
        "NODEWARD_ACM_PCA_POLL_INTERVAL", "20ms"))).await();
    String admin = bed.token(DevUsers.ADMIN);
    alice = bed.token(DevUsers.ALICE);
    aliceId = IssuerTestBed.sub(alice);
    assertEquals(201, bed.provision(admin, "pca-node", aliceId).statusCode());
  }

  @AfterAll
  static void stop() {
    fake.close().await();
    bed.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void aServerGeneratedRsaKeyIsSignedByAcmPcaThroughAnIssuerBuiltCsr() throws Exception {
    HttpResponse<String> response = bed.post("/v1/certificates", alice, "{\"nodeId\":\"pca-node\"}");

    assertEquals(201, response.statusCode(), response.body());
    X509Certificate cert = Pem.readCertificate(new JsonObject(response.body()).getString("certificatePem"));
    cert.verify(Pem.readCertificate(bed.issuer.caChainPem()).getPublicKey());
    assertEquals("spiffe://nodeward.local/user/" + aliceId + "/node/pca-node",
        cert.getSubjectAlternativeNames().iterator().next().get(1));
    assertTrue(fake.calls.stream().anyMatch(c -> c.operation().equals("IssueCertificate")));
    CertificateIssued event = TopicReader.data(bed.bootstrap, Topics.CERTIFICATES, CertificateIssued.class).stream()
        .filter(e -> e.serialNumber().equals(cert.getSerialNumber().toString(16))).findFirst().orElseThrow();
    assertEquals(CaBackend.ACM_PCA, event.caBackend());
  }

  @Test
  void aClientCsrIsPassedToAcmPcaAndRevocationReachesIt() {
    String csr = TestCsrs.csrPem(TestCsrs.ec("secp256r1"), "CN=intruder", null);
    JsonObject issued = new JsonObject(bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", "pca-node").put("csrPem", csr).encode()).body());

    HttpResponse<String> revoked = bed.post("/v1/certificates/" + issued.getString("serialNumber") + "/revoke", alice,
        "{\"reason\":\"KEY_COMPROMISE\"}");

    assertEquals(200, revoked.statusCode(), revoked.body());
    assertEquals(1, fake.revokedSerials.size());
  }

  @Test
  void theCaChainComesFromAcmPca() {
    assertEquals(bed.get("/v1/ca", null).body(), bed.issuer.caChainPem());
    assertEquals(CaBackend.ACM_PCA, bed.issuer.certificateAuthority().backend());
  }

  @Test
  void acmPcaPublishesTheCrlItselfSoCrlIsA404SayingSoAndRenewalHasNoListenerWithoutAServerCertificate() {
    HttpResponse<String> crl = bed.get("/v1/crl", null);

    assertEquals(404, crl.statusCode(), crl.body());
    assertEquals("CRL_PUBLISHED_BY_ACM_PCA", new JsonObject(crl.body()).getString("code"));
    assertEquals(-1, bed.issuer.renewalPort());
  }

  @Test
  void withItsCrlUrlConfiguredCrlRedirectsThere() {
    var withUrl = IssuerService.start(bed.vertx, bed.config(KAFKA.settings("issuer-acm-crl"), Map.of(
        "NODEWARD_CA_BACKEND", "acm-pca",
        "NODEWARD_ACM_PCA_ARN", FakeAcmPca.CA_ARN,
        "NODEWARD_ACM_PCA_ENDPOINT", "http://127.0.0.1:" + fake.port(),
        "NODEWARD_ACM_PCA_CRL_URL", "https://crl.example.com/crl/ca.crl"))).await();
    try {
      HttpResponse<String> crl = bed.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + withUrl.port() + "/v1/crl")).GET().build(),
          HttpResponse.BodyHandlers.ofString());

      assertEquals(302, crl.statusCode());
      assertEquals("https://crl.example.com/crl/ca.crl", crl.headers().firstValue("Location").orElseThrow());
    } finally {
      withUrl.close().await();
    }
  }
}
