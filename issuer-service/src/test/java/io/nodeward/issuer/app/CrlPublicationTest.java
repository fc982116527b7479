package io.nodeward.issuer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.domain.CrlEntry;
import io.nodeward.issuer.domain.RawCertificateRequest;
import io.nodeward.issuer.testing.Principals;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the CRL lists and when it changes, against fake ports. */
class CrlPublicationTest {

  private static Vertx vertx;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    Await.result(vertx.close());
  }

  @Test
  void aRevocationFromTheLogAndAWithdrawnIssuanceAreListedAndTheCrlIsRebuiltAfterARevocation() throws Exception {
    AppFixture fx = new AppFixture();
    fx.provision("node-1", "alice");
    CertificateIssuance issuance = new CertificateIssuance(vertx, fx.ca, AppFixture.PROFILE, fx.nodes, fx.events, RateLimits.off(), fx.clock);
    String serial = Await.result(issuance.issue(Principals.owner("alice"),
        new RawCertificateRequest("node-1", "EC_P256", null, null, null))).event().serialNumber();
    fx.ca.revoked.put("abc", new CrlEntry("abc", Instant.now(), RevocationReason.CESSATION_OF_OPERATION));
    CrlPublication crl = Await.result(CrlPublication.start(vertx, fx.ca, fx.certificates, Duration.ofMinutes(5),
        AppFixture.PROFILE.maxValidity(), fx.clock));
    try {
      assertEquals(List.of("abc"), crl.entries(Instant.now()).stream().map(CrlEntry::serialHex).toList());
      BigInteger first = crl.current().number();

      Await.result(new CertificateRevocation(fx.ca, fx.certificates, fx.events, fx.propagation, RateLimits.off(), fx.clock)
          .revoke(Principals.owner("alice"), serial, RevocationReason.KEY_COMPROMISE));

      io.nodeward.kit.testing.Await.until("the CRL lists the revocation",
          () -> parse(crl.current().der()).getRevokedCertificate(new BigInteger(serial, 16)) != null);
      X509CRL current = parse(crl.current().der());
      current.verify(fx.ca.caChain().get(0).getPublicKey());
      assertNotNull(current.getRevokedCertificate(new BigInteger("abc", 16)));
      assertTrue(crl.current().number().compareTo(first) > 0, "CRL numbers increase");
      assertTrue(crl.current().pem().startsWith("-----BEGIN X509 CRL-----"));
    } finally {
      crl.close();
    }
  }

  @Test
  void expiredRevocationsAndOldWithdrawnOnesDropOff() {
    AppFixture fx = new AppFixture();
    fx.ca.revoked.put("abc", new CrlEntry("abc", Instant.now().minus(Duration.ofDays(31)), RevocationReason.UNSPECIFIED));
    CrlPublication crl = Await.result(CrlPublication.start(vertx, fx.ca, fx.certificates, Duration.ofMinutes(5),
        AppFixture.PROFILE.maxValidity(), fx.clock));
    try {
      assertTrue(crl.entries(Instant.now()).isEmpty(), "revoked before any certificate still valid could be issued");
    } finally {
      crl.close();
    }
  }

  private static X509CRL parse(byte[] der) {
    try {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
