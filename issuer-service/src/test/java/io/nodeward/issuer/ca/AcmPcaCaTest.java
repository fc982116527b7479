package io.nodeward.issuer.ca;

import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.app.IssuedCertificate;
import io.nodeward.issuer.app.SigningRequest;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.CsrInspector;
import io.nodeward.issuer.domain.InspectedCsr;
import io.nodeward.issuer.testing.FakeAcmPca;
import io.nodeward.issuer.testing.TestCsrs;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.acmpca.AcmPcaAsyncClient;
import software.amazon.awssdk.services.acmpca.model.SigningAlgorithm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ACM PCA back end through the real AWS SDK v2 against a local server speaking ACM PCA's JSON protocol. */
class AcmPcaCaTest {

  private static final CertificateProfile PROFILE =
      CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(7), Duration.ofDays(30));
  private static final CertificateIdentity IDENTITY = new CertificateIdentity("nodeward.local", "alice", "node-1");

  @TempDir
  static Path dir;
  private static Vertx vertx;
  private static FakeAcmPca fake;
  private static AcmPcaCa ca;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    LocalCa signer = LocalCa.open(vertx, dir, "pw".toCharArray(), PROFILE, Clock.systemUTC()).await();
    fake = new FakeAcmPca(vertx, signer, PROFILE);
    int port = fake.start().await();
    AcmPcaSettings settings = new AcmPcaSettings(FakeAcmPca.CA_ARN, "us-east-1", URI.create("http://127.0.0.1:" + port),
        null, SigningAlgorithm.SHA256_WITHECDSA, Duration.ofMillis(20), 20);
    AcmPcaAsyncClient client = AcmPcaClients.create(settings,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")));
    ca = AcmPcaCa.create(vertx, client, settings, PROFILE).await();
  }

  @AfterAll
  static void stop() {
    ca.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    fake.calls.clear();
    fake.pollsBeforeReady = 2;
  }

  private static SigningRequest request(String requestId) {
    InspectedCsr csr = CsrInspector.inspect(TestCsrs.csrPem(TestCsrs.ec("secp256r1"), "CN=evil,O=attacker",
        "spiffe://nodeward.local/user/root/node/all"));
    return new SigningRequest(requestId, IDENTITY, csr.publicKey(), csr.keyAlgorithm(), csr.csr(),
        PROFILE.window(Instant.parse("2026-11-24T12:00:00Z"), Duration.ofHours(12)));
  }

  @Test
  void theCaChainComesFromGetCertificateAuthorityCertificateAtStart() {
    assertEquals(1, ca.caChain().size());
    assertEquals(CaBackend.ACM_PCA, ca.backend());
  }

  @Test
  void issuesThroughIssueCertificateAndWaitsWhileGetCertificateSaysInProgress() throws Exception {
    fake.pollsBeforeReady = 3;

    IssuedCertificate issued = ca.issue(request(UUID.randomUUID().toString())).await();

    X509Certificate cert = issued.certificate();
    cert.verify(ca.caChain().get(0).getPublicKey());
    assertEquals("spiffe://nodeward.local/user/alice/node/node-1", cert.getSubjectAlternativeNames().iterator().next().get(1));
    assertEquals(Date.from(Instant.parse("2026-11-24T12:00:00Z").plus(Duration.ofHours(12))), cert.getNotAfter());
    List<String> operations = fake.calls.stream().map(FakeAcmPca.Call::operation).toList();
    assertEquals(List.of("IssueCertificate", "GetCertificate", "GetCertificate", "GetCertificate", "GetCertificate"),
        operations);
    assertTrue(fake.calls.get(0).authorization().startsWith("AWS4-HMAC-SHA256"), "SigV4-signed");
    assertTrue(fake.calls.get(0).authorization().contains("/acm-pca/aws4_request"));
  }

  @Test
  void theIssueRequestCarriesTemplateValidityAlgorithmAndTheNodewardIdentityNotTheCsrs() {
    ca.issue(request("req-identity")).await();

    var body = fake.calls.get(0).body();
    assertEquals(AcmPcaSettings.DEFAULT_TEMPLATE_ARN, body.getString("TemplateArn"));
    assertEquals("SHA256WITHECDSA", body.getString("SigningAlgorithm"));
    assertEquals("ABSOLUTE", body.getJsonObject("Validity").getString("Type"));
    assertEquals("req-identity", body.getString("IdempotencyToken"));
    var subject = body.getJsonObject("ApiPassthrough").getJsonObject("Subject").getJsonArray("CustomAttributes");
    assertEquals("node-1", subject.getJsonObject(2).getString("Value"));
    assertEquals("alice", subject.getJsonObject(1).getString("Value"));
    assertFalse(body.encode().contains("attacker"));
    assertEquals("CLIENT_AUTH", body.getJsonObject("ApiPassthrough").getJsonObject("Extensions")
        .getJsonArray("ExtendedKeyUsage").getJsonObject(0).getString("ExtendedKeyUsageType"));
  }

  @Test
  void aThrottledIssueIsRetriedByTheSdkAndTheIdempotencyTokenYieldsTheSameCertificate() {
    int signedBefore = fake.certificatesSigned.get();
    fake.throttleIssueAfterProcessing.set(1);

    IssuedCertificate issued = ca.issue(request("req-throttled")).await();

    List<FakeAcmPca.Call> issues = fake.calls.stream().filter(c -> c.operation().equals("IssueCertificate")).toList();
    assertEquals(2, issues.size(), "the SDK retried after ThrottlingException");
    assertEquals("req-throttled", issues.get(1).body().getString("IdempotencyToken"));
    assertEquals(1, fake.certificatesSigned.get() - signedBefore, "the retry did not sign a second certificate");
    String arn = fake.arnByToken.get("req-throttled");
    assertTrue(fake.calls.stream().filter(c -> c.operation().equals("GetCertificate"))
        .allMatch(c -> arn.equals(c.body().getString("CertificateArn"))));
    assertEquals(io.nodeward.kit.tls.Pem.readCertificate(fake.pemByArn.get(arn)).getSerialNumber().toString(16),
        issued.serialHex());
  }

  @Test
  void aCertificateThatNeverBecomesReadyFailsTheIssuanceOnceTheWaiterGivesUp() {
    fake.pollsBeforeReady = 1_000;

    assertThrows(Exception.class, () -> ca.issue(request(UUID.randomUUID().toString())).await());
  }

  @Test
  void revokesWithColonHexSerialAndReasonAndRevokingTwiceSucceeds() {
    IssuedCertificate issued = ca.issue(request(UUID.randomUUID().toString())).await();

    ca.revoke(issued.serialHex(), RevocationReason.KEY_COMPROMISE).await();
    ca.revoke(issued.serialHex(), RevocationReason.KEY_COMPROMISE).await();

    var revoke = fake.calls.stream().filter(c -> c.operation().equals("RevokeCertificate")).findFirst().orElseThrow();
    assertEquals(AcmPcaCa.colonHex(issued.serialHex()), revoke.body().getString("CertificateSerial"));
    assertEquals("KEY_COMPROMISE", revoke.body().getString("RevocationReason"));
    assertTrue(fake.revokedSerials.contains(AcmPcaCa.colonHex(issued.serialHex())));
  }

  @Test
  void serialsAreSpelledAsColonSeparatedOctets() {
    assertEquals("0a:bc:de", AcmPcaCa.colonHex("abcde"));
    assertEquals("12:34", AcmPcaCa.colonHex("1234"));
  }

  @Test
  void aCsrIsRequiredBecauseAcmPcaOnlySignsCsrs() {
    var plain = TestCsrs.ec("secp256r1");
    SigningRequest noCsr = new SigningRequest("x", IDENTITY, plain.getPublic(), io.nodeward.events.KeyAlgorithm.EC_P256,
        null, PROFILE.window(Instant.now(), null));

    assertTrue(ca.requiresCsr());
    assertThrows(Exception.class, () -> ca.issue(noCsr).await());
  }
}
