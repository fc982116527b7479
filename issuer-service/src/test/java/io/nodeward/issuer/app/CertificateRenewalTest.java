package io.nodeward.issuer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nodeward.events.CertificateIssued;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.domain.RawCertificateRequest;
import io.nodeward.issuer.domain.RenewalRefusal;
import io.nodeward.issuer.domain.RenewalRefusedException;
import io.nodeward.issuer.testing.FakeCertificateAuthority;
import io.nodeward.issuer.testing.Principals;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renewal against fake ports: what the presented certificate must be, and what the new one records. */
class CertificateRenewalTest {

  private static Vertx vertx;
  private AppFixture fx;
  private CertificateRenewal renewal;
  private X509Certificate held;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    Await.result(vertx.close());
  }

  @BeforeEach
  void fixture() {
    fx = new AppFixture();
    fx.provision("node-1", "alice");
    held = Await.result(new CertificateIssuance(vertx, fx.ca, AppFixture.PROFILE, fx.nodes, fx.events, RateLimits.off(), fx.clock)
        .issue(Principals.owner("alice"), new RawCertificateRequest("node-1", "EC_P256", null, null, null)))
        .certificate().certificate();
    fx.events.appended.clear();
    renewal = new CertificateRenewal(vertx, fx.ca, AppFixture.PROFILE, fx.nodes, fx.certificates, fx.events, RateLimits.off(), fx.clock);
  }

  private CertificateRenewal.Request presenting(X509Certificate certificate) {
    return new CertificateRenewal.Request(certificate == null ? List.of() : List.of(certificate), null, null, null);
  }

  private RenewalRefusal refusal(CertificateRenewal.Request request) {
    return assertInstanceOf(RenewalRefusedException.class, Await.failure(renewal.renew(request))).reason();
  }

  @Test
  void theNewCertificateHasTheSameIdentityAndKeyAndTheEventNamesTheOldSerial() {
    CertificateIssuance.Issued renewed = Await.result(renewal.renew(presenting(held)));

    String old = held.getSerialNumber().toString(16);
    assertNotEquals(old, renewed.event().serialNumber());
    assertEquals(old, fx.events.of(CertificateIssued.class).get(0).renews());
    assertEquals("alice", renewed.event().requestedBy());
    assertEquals(held.getPublicKey(), renewed.certificate().certificate().getPublicKey());
  }

  @Test
  void noCertificateARevokedOneOrOneFromAnotherCaCannotRenew() {
    assertEquals(RenewalRefusal.CLIENT_CERTIFICATE_REQUIRED, refusal(presenting(null)));
    X509Certificate foreign = new FakeCertificateAuthority(AppFixture.PROFILE).caChain().get(0);
    assertEquals(RenewalRefusal.UNTRUSTED_CERTIFICATE, refusal(presenting(foreign)));

    Await.result(new CertificateRevocation(fx.ca, fx.certificates, fx.events, fx.propagation, RateLimits.off(), fx.clock)
        .revoke(Principals.owner("alice"), held.getSerialNumber().toString(16), RevocationReason.KEY_COMPROMISE));
    assertEquals(RenewalRefusal.CERTIFICATE_REVOKED, refusal(presenting(held)));
    assertEquals(0, fx.events.of(CertificateIssued.class).size());
  }

  @Test
  void aCaThatSignsCsrsOnlyNeedsOneForRenewal() {
    fx.ca.requiresCsr = true;

    assertEquals(RenewalRefusal.CSR_REQUIRED, refusal(presenting(held)));
  }

  @Test
  void whenTheLogIsDownTheRenewedCertificateIsWithdrawn() {
    fx.events.failing = true;

    assertInstanceOf(EventNotAcknowledgedException.class, Await.failure(renewal.renew(presenting(held))));
    assertEquals(1, fx.ca.revoked.size());
  }
}
