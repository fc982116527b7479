package io.nodeward.issuer.ca;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.app.SigningRequest;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.CsrInspector;
import io.nodeward.issuer.domain.InspectedCsr;
import io.nodeward.issuer.domain.ValidityWindow;
import io.nodeward.issuer.testing.TestCsrs;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCaTest {

  private static final char[] PASSWORD = "test-keystore-password".toCharArray();
  private static final CertificateProfile PROFILE =
      CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(7), Duration.ofDays(30));
  private static final CertificateIdentity IDENTITY = new CertificateIdentity("nodeward.local", "alice", "node-1");
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private static Vertx vertx;
  @TempDir
  static Path sharedDir;
  private static LocalCa ca;

  @BeforeAll
  static void open() {
    vertx = Vertx.vertx();
    ca = LocalCa.open(vertx, sharedDir, PASSWORD, PROFILE, Clock.systemUTC()).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static SigningRequest request(KeyPair pair, KeyAlgorithm algorithm) {
    return new SigningRequest(UUID.randomUUID().toString(), IDENTITY, pair.getPublic(), algorithm, null,
        PROFILE.window(Instant.now(), null));
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_P256"})
  void issuesAClientAuthOnlyCertificateCarryingTheNodewardIdentity(KeyAlgorithm algorithm) throws Exception {
    KeyPair pair = algorithm == KeyAlgorithm.EC_P256 ? TestCsrs.ec("secp256r1") : TestCsrs.rsa(2048);

    X509Certificate cert = ca.issue(request(pair, algorithm)).await().certificate();

    assertEquals(List.of(CLIENT_AUTH), cert.getExtendedKeyUsage());
    assertEquals(-1, cert.getBasicConstraints(), "not a CA");
    boolean[] usage = cert.getKeyUsage();
    assertTrue(usage[0], "digitalSignature");
    assertEquals(algorithm == KeyAlgorithm.RSA_2048, usage[2], "keyEncipherment only for RSA");
    assertFalse(usage[5] || usage[6], "no keyCertSign or cRLSign");
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    assertEquals(1, sans.size());
    assertEquals(List.of(6, "spiffe://nodeward.local/user/alice/node/node-1"), List.copyOf(sans.iterator().next()));
    assertEquals("CN=node-1,UID=alice,O=nodeward", cert.getSubjectX500Principal().getName());
    assertEquals(pair.getPublic(), cert.getPublicKey());
    cert.verify(ca.caChain().get(0).getPublicKey());
  }

  @Test
  void theCertificateChainsToTheCaUnderPkixValidation() throws Exception {
    X509Certificate cert = ca.issue(request(TestCsrs.ec("secp256r1"), KeyAlgorithm.EC_P256)).await().certificate();

    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.caChain().get(0), null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(cert)), parameters);
  }

  @Test
  void validityFollowsTheRequestedWindow() {
    Instant notBefore = Instant.parse("2026-11-24T11:59:00Z");
    Instant notAfter = Instant.parse("2026-11-25T12:00:00Z");
    KeyPair pair = TestCsrs.ec("secp256r1");
    SigningRequest request = new SigningRequest("r", IDENTITY, pair.getPublic(), KeyAlgorithm.EC_P256, null,
        new ValidityWindow(notBefore, notAfter));

    X509Certificate cert = ca.issue(request).await().certificate();

    assertEquals(Date.from(notBefore), cert.getNotBefore());
    assertEquals(Date.from(notAfter), cert.getNotAfter());
  }

  @Test
  void serialsArePositiveUniqueAnd159BitsLong() {
    KeyPair pair = TestCsrs.ec("secp256r1");
    Set<BigInteger> serials = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      BigInteger serial = ca.sign(request(pair, KeyAlgorithm.EC_P256)).certificate().getSerialNumber();
      assertEquals(159, serial.bitLength());
      serials.add(serial);
    }
    assertEquals(200, serials.size());
  }

  @Test
  void aHostileCsrSubjectAndSanAreReplacedByTheNodewardIdentity() throws Exception {
    KeyPair pair = TestCsrs.rsa(2048);
    InspectedCsr csr = CsrInspector.inspect(TestCsrs.csrPem(pair, "CN=admin,O=nodeward,UID=root",
        "spiffe://nodeward.local/user/root/node/every-node"));

    X509Certificate cert = ca.issue(new SigningRequest("r", IDENTITY, csr.publicKey(), csr.keyAlgorithm(), csr.csr(),
        PROFILE.window(Instant.now(), null))).await().certificate();

    assertEquals("CN=node-1,UID=alice,O=nodeward", cert.getSubjectX500Principal().getName());
    assertEquals("spiffe://nodeward.local/user/alice/node/node-1",
        cert.getSubjectAlternativeNames().iterator().next().get(1));
  }

  @Test
  void theCaKeyAndCertificateSurviveARestart(@TempDir Path dir) throws Exception {
    LocalCa first = LocalCa.open(vertx, dir, PASSWORD, PROFILE, Clock.systemUTC()).await();
    X509Certificate issued = first.issue(request(TestCsrs.ec("secp256r1"), KeyAlgorithm.EC_P256)).await().certificate();
    first.revoke(issued.getSerialNumber().toString(16), RevocationReason.KEY_COMPROMISE).await();

    LocalCa second = LocalCa.open(vertx, dir, PASSWORD, PROFILE, Clock.systemUTC()).await();

    assertArrayEquals(first.caChain().get(0).getEncoded(), second.caChain().get(0).getEncoded());
    issued.verify(second.caChain().get(0).getPublicKey());
    assertTrue(second.caRevocations().stream()
        .anyMatch(r -> r.serialHex().equals(issued.getSerialNumber().toString(16))), "the revocation survived too");
    assertTrue(Files.exists(dir.resolve("ca.p12")));
  }

  @Test
  void theKeystoreDoesNotOpenWithAnotherPassword(@TempDir Path dir) {
    LocalCa.open(vertx, dir, PASSWORD, PROFILE, Clock.systemUTC()).await();

    Exception failure = assertThrows(Exception.class,
        () -> LocalCa.open(vertx, dir, "wrong".toCharArray(), PROFILE, Clock.systemUTC()).await());
    assertFalse(String.valueOf(failure.getMessage()).contains("wrong"));
  }

  @Test
  void revocationIsIdempotentAndAppearsInTheSignedCrl() throws Exception {
    X509Certificate cert = ca.issue(request(TestCsrs.ec("secp256r1"), KeyAlgorithm.EC_P256)).await().certificate();
    String serial = cert.getSerialNumber().toString(16);

    ca.revoke(serial, RevocationReason.SUPERSEDED).await();
    ca.revoke(serial, RevocationReason.KEY_COMPROMISE).await();

    assertEquals(RevocationReason.SUPERSEDED, ca.caRevocations().stream().filter(r -> r.serialHex().equals(serial))
        .findFirst().orElseThrow().reason());
    X509CRL crl = ca.crl();
    crl.verify(ca.caChain().get(0).getPublicKey());
    assertNotNull(crl.getRevokedCertificate(cert));
  }

  @Test
  void theCaIsAPathLengthZeroCaWithAnEcP256Key() {
    X509Certificate root = ca.caChain().get(0);

    assertEquals(0, root.getBasicConstraints());
    assertEquals("EC", root.getPublicKey().getAlgorithm());
    assertTrue(root.getKeyUsage()[5], "keyCertSign");
  }
}
