package io.nodeward.issuer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.Topics;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.app.SigningRequest;
import io.nodeward.issuer.domain.ValidityWindow;
import io.nodeward.issuer.testing.IssuerTestBed;
import io.nodeward.issuer.testing.MtlsClient;
import io.nodeward.issuer.testing.Openssl;
import io.nodeward.issuer.testing.TestCsrs;
import io.nodeward.issuer.testing.TopicReader;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.testing.Await;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal over the issuer's real mutual-TLS listener, authenticated by the certificate itself, and the CRL that
 * relying parties outside the gateway fetch, checked by the real openssl command line.
 */
class RenewalAndCrlTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  @TempDir
  static Path dataDir;
  @TempDir
  static Path work;

  private static final AtomicInteger NODES = new AtomicInteger();
  private static IssuerTestBed bed;
  private static String admin;
  private static String alice;
  private static String aliceId;

  /** A certificate and the key that goes with it, as a node holds them. */
  private record Held(String serial, X509Certificate certificate, PrivateKey key, JsonObject answer) {
  }

  @BeforeAll
  static void start() {
    bed = IssuerTestBed.start(KAFKA.settings("issuer-renewal-test"), dataDir);
    admin = bed.token(DevUsers.ADMIN);
    alice = bed.token(DevUsers.ALICE);
    aliceId = IssuerTestBed.sub(alice);
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static String alicesNode() {
    String nodeId = "renew-node-" + NODES.incrementAndGet();
    assertEquals(201, bed.provision(admin, nodeId, aliceId).statusCode());
    return nodeId;
  }

  private static Held issue(String nodeId, JsonObject extra) {
    HttpResponse<String> response = bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", nodeId).put("keyAlgorithm", "EC_P256").mergeIn(extra).encode());
    assertEquals(201, response.statusCode(), response.body());
    JsonObject body = new JsonObject(response.body());
    return new Held(body.getString("serialNumber"), Pem.readCertificate(body.getString("certificatePem")),
        Pem.readPrivateKey(body.getString("privateKeyPem")), body);
  }

  private static MtlsClient presenting(Held held) {
    return MtlsClient.create(bed.issuer.renewalPort(), caChain(), held.key(), held.certificate());
  }

  private static List<X509Certificate> caChain() {
    return bed.issuer.certificateAuthority().caChain();
  }

  private static void problem(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertEquals(code, new JsonObject(response.body()).getString("code"), response.body());
  }

  // --- renewal ----------------------------------------------------------------------------------------------

  @Test
  void aCertificateRenewsItselfOntoTheSameKeyWithANewSerialAndTheEventLinksThem() throws Exception {
    String nodeId = alicesNode();
    Held old = issue(nodeId, new JsonObject().put("validityMinutes", 30));

    HttpResponse<String> response = presenting(old).post("/v1/certificates/renew", null);

    assertEquals(201, response.statusCode(), response.body());
    JsonObject renewed = new JsonObject(response.body());
    X509Certificate certificate = Pem.readCertificate(renewed.getString("certificatePem"));
    assertNotEquals(old.serial(), renewed.getString("serialNumber"));
    assertEquals(old.serial(), renewed.getString("renews"));
    assertEquals(old.certificate().getPublicKey(), certificate.getPublicKey());
    assertEquals(old.certificate().getSubjectX500Principal(), certificate.getSubjectX500Principal());
    assertEquals(List.copyOf(old.certificate().getSubjectAlternativeNames()),
        List.copyOf(certificate.getSubjectAlternativeNames()));
    assertEquals(Duration.ofMinutes(31).toSeconds(), Duration.between(certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant()).toSeconds(), "the old lifetime again, from now");
    assertTrue(!renewed.containsKey("privateKeyPem"));
    certificate.verify(caChain().get(0).getPublicKey());
    CertificateIssued event = TopicReader.data(bed.bootstrap, Topics.CERTIFICATES, CertificateIssued.class).stream()
        .filter(e -> e.serialNumber().equals(renewed.getString("serialNumber"))).findFirst().orElseThrow();
    assertEquals(old.serial(), event.renews());
    assertEquals(aliceId, event.userId());
    assertEquals(aliceId, event.requestedBy());
    assertEquals(nodeId, event.nodeId());
    assertEquals(old.serial(), new JsonObject(bed.get("/v1/certificates/" + renewed.getString("serialNumber"), alice)
        .body()).getString("renews"));
    assertEquals("active", new JsonObject(bed.get("/v1/certificates/" + old.serial(), alice).body()).getString("status"),
        "renewal does not revoke the old certificate");
  }

  @Test
  void aCsrRenewsOntoANewKeyAndTheRenewedCertificateRenewsAgain() throws Exception {
    Held old = issue(alicesNode(), new JsonObject());
    KeyPair next = TestCsrs.ec("secp256r1");

    HttpResponse<String> response = presenting(old).post("/v1/certificates/renew",
        new JsonObject().put("csrPem", TestCsrs.csrPem(next)).put("validityHours", 2).encode());

    assertEquals(201, response.statusCode(), response.body());
    JsonObject renewed = new JsonObject(response.body());
    X509Certificate certificate = Pem.readCertificate(renewed.getString("certificatePem"));
    assertEquals(next.getPublic(), certificate.getPublicKey());
    assertEquals("CLIENT_CSR", renewed.getString("keySource"));
    Held second = new Held(renewed.getString("serialNumber"), certificate, next.getPrivate(), renewed);
    HttpResponse<String> again = presenting(second).post("/v1/certificates/renew", "{}");
    assertEquals(201, again.statusCode(), again.body());
    assertEquals(second.serial(), new JsonObject(again.body()).getString("renews"));
  }

  @Test
  void aRevokedCertificateCannotRenew() throws Exception {
    Held old = issue(alicesNode(), new JsonObject());
    assertEquals(200, bed.post("/v1/certificates/" + old.serial() + "/revoke", alice, "{}").statusCode());

    problem(presenting(old).post("/v1/certificates/renew", null), 403, "CERTIFICATE_REVOKED");
  }

  @Test
  void aCertificateOfADeprovisionedNodeCannotRenew() throws Exception {
    String nodeId = alicesNode();
    Held old = issue(nodeId, new JsonObject());
    assertEquals(200, bed.delete("/v1/admin/nodes/" + nodeId, admin).statusCode());

    problem(presenting(old).post("/v1/certificates/renew", null), 403, "NODE_DEPROVISIONED");
  }

  @Test
  void anExpiredCertificateCannotRenew() throws Exception {
    String nodeId = alicesNode();
    KeyPair key = TestCsrs.ec("secp256r1");
    Instant past = Instant.now().minus(Duration.ofDays(2));
    X509Certificate expired = Await.result(bed.issuer.certificateAuthority().issue(new SigningRequest(
        UUID.randomUUID().toString(), new CertificateIdentity("nodeward.local", aliceId, nodeId), key.getPublic(),
        KeyAlgorithm.EC_P256, null, new ValidityWindow(past, past.plus(Duration.ofDays(1)))))).certificate();

    problem(MtlsClient.create(bed.issuer.renewalPort(), caChain(), key.getPrivate(), expired)
        .post("/v1/certificates/renew", null), 403, "CERTIFICATE_EXPIRED");
  }

  @Test
  void aCertificateTheIssuerNeverRecordedCannotRenew() throws Exception {
    String nodeId = alicesNode();
    KeyPair key = TestCsrs.ec("secp256r1");
    Instant now = Instant.now();
    X509Certificate unrecorded = Await.result(bed.issuer.certificateAuthority().issue(new SigningRequest(
        UUID.randomUUID().toString(), new CertificateIdentity("nodeward.local", aliceId, nodeId), key.getPublic(),
        KeyAlgorithm.EC_P256, null, new ValidityWindow(now.minusSeconds(60), now.plus(Duration.ofHours(1))))))
        .certificate();

    problem(MtlsClient.create(bed.issuer.renewalPort(), caChain(), key.getPrivate(), unrecorded)
        .post("/v1/certificates/renew", null), 403, "UNKNOWN_CERTIFICATE");
  }

  @Test
  void withoutAClientCertificateRenewalIsUnauthorizedAndATokenDoesNotHelp() throws Exception {
    MtlsClient anonymous = MtlsClient.create(bed.issuer.renewalPort(), caChain(), null, null);

    problem(anonymous.post("/v1/certificates/renew", null), 401, "CLIENT_CERTIFICATE_REQUIRED");
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedInTheHandshake() {
    KeyPair key = TestCsrs.ec("secp256r1");
    X509Certificate foreign = selfSigned(key);

    assertThrows(IOException.class, () -> MtlsClient.create(bed.issuer.renewalPort(), caChain(), key.getPrivate(), foreign)
        .post("/v1/certificates/renew", null));
  }

  @Test
  void renewalIsServedOnlyOnTheMutualTlsListenerNotWithAToken() {
    problem(bed.post("/v1/certificates/renew", alice, "{}"), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void aBadCsrOrUnknownFieldIsAProblem() throws Exception {
    Held old = issue(alicesNode(), new JsonObject());

    problem(presenting(old).post("/v1/certificates/renew", new JsonObject().put("csrPem", TestCsrs.tamperedCsrPem(
        TestCsrs.ec("secp256r1"))).encode()), 400, "INVALID_CSR");
    problem(presenting(old).post("/v1/certificates/renew", "{\"nodeId\":\"other\"}"), 400, "UNKNOWN_FIELD");
    problem(presenting(old).post("/v1/certificates/renew", "{\"validityHours\":100000}"), 400, "VALIDITY_TOO_LONG");
  }

  // --- CRL --------------------------------------------------------------------------------------------------

  @Test
  void openSslRejectsARevokedCertificateWithTheServedCrlAndAcceptsAnActiveOne() throws Exception {
    Held revoked = issue(alicesNode(), new JsonObject());
    Held active = issue(alicesNode(), new JsonObject());
    assertEquals(200, bed.post("/v1/certificates/" + revoked.serial() + "/revoke", alice,
        "{\"reason\":\"keyCompromise\"}").statusCode());
    Await.until("the CRL lists the revocation", () -> crl().getRevokedCertificate(revoked.certificate()) != null);

    Openssl.write(work, "ca.pem", bed.issuer.caChainPem());
    Openssl.write(work, "crl.pem", pemCrl());
    Openssl.write(work, "revoked.pem", Pem.write(revoked.certificate()));
    Openssl.write(work, "active.pem", Pem.write(active.certificate()));

    Openssl.Result refused = Openssl.run(work, "verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem",
        "revoked.pem");
    Openssl.Result accepted = Openssl.run(work, "verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile", "crl.pem",
        "active.pem");

    assertNotEquals(0, refused.exitCode(), refused.output());
    assertTrue(refused.output().contains("certificate revoked"), refused.output());
    assertEquals(0, accepted.exitCode(), accepted.output());
    Openssl.Result text = Openssl.run(work, "crl", "-in", "crl.pem", "-noout", "-text");
    assertTrue(text.output().contains("Key Compromise"), text.output());
  }

  @Test
  void theCrlIsSignedByTheCaWithAShortNextUpdateInDerOrPem() throws Exception {
    HttpResponse<byte[]> der = bed.send(HttpRequest.newBuilder(java.net.URI.create(bed.base() + "/v1/crl")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> pem = bed.send(HttpRequest.newBuilder(java.net.URI.create(bed.base() + "/v1/crl"))
        .header("Accept", "application/x-pem-file").GET().build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, der.statusCode());
    assertEquals("application/pkix-crl", der.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("application/x-pem-file", pem.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(pem.body().startsWith("-----BEGIN X509 CRL-----"), pem.body());
    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der.body()));
    crl.verify(caChain().get(0).getPublicKey());
    assertEquals(caChain().get(0).getSubjectX500Principal(), crl.getIssuerX500Principal());
    Duration nextUpdate = Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant());
    assertEquals(Duration.ofMinutes(5), nextUpdate);
    assertNotNull(crl.getExtensionValue(Extension.cRLNumber.getId()));
    HttpResponse<String> notModified = bed.send(HttpRequest.newBuilder(java.net.URI.create(bed.base() + "/v1/crl"))
        .header("If-None-Match", der.headers().firstValue("ETag").orElseThrow()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(notModified.statusCode() == 304 || notModified.statusCode() == 200, "a new revocation may have landed");
  }

  @Test
  void newCertificatesNameTheCrlAsTheirDistributionPoint() throws Exception {
    Held held = issue(alicesNode(), new JsonObject());

    byte[] extension = held.certificate().getExtensionValue(Extension.cRLDistributionPoints.getId());
    assertNotNull(extension, "CRL distribution point extension");
    CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    GeneralName name = GeneralNames.getInstance(points.getDistributionPoints()[0].getDistributionPoint().getName())
        .getNames()[0];
    assertEquals(bed.base() + "/v1/crl", name.getName().toString());
  }

  @Test
  void aRevocationByAnotherInstanceReachesThisInstancesCrl() {
    Held held = issue(alicesNode(), new JsonObject());
    var second = io.nodeward.issuer.IssuerService.start(bed.vertx, bed.config(KAFKA.settings("issuer-renewal-second"),
        Map.of("NODEWARD_ISSUER_PORT", "0", "NODEWARD_ISSUER_MTLS_PORT", "0"))).await();
    try {
      Await.until("the second instance knows the certificate",
          () -> second.certificates().find(held.serial()).isPresent());
      HttpResponse<String> revoked = bed.send(bed.postRequest("/v1/certificates/" + held.serial() + "/revoke", alice,
          "{}", "application/json").uri(java.net.URI.create("http://127.0.0.1:" + second.port() + "/v1/certificates/"
          + held.serial() + "/revoke")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, revoked.statusCode(), revoked.body());

      Await.until("this instance's CRL lists the other's revocation",
          () -> crl().getRevokedCertificate(held.certificate()) != null);
    } finally {
      second.close().await();
    }
  }

  private static X509CRL crl() {
    HttpResponse<byte[]> response = bed.send(HttpRequest.newBuilder(java.net.URI.create(bed.base() + "/v1/crl")).GET()
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String pemCrl() {
    return bed.send(HttpRequest.newBuilder(java.net.URI.create(bed.base() + "/v1/crl"))
        .header("Accept", "application/x-pem-file").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static X509Certificate selfSigned(KeyPair key) {
    try {
      org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=mallory");
      Instant now = Instant.now();
      var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, BigInteger.TEN,
          java.util.Date.from(now.minusSeconds(60)), java.util.Date.from(now.plusSeconds(3600)), name, key.getPublic());
      return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(
          new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
