package io.nodeward.issuer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeySource;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.domain.IssuanceRefusedException;
import io.nodeward.issuer.domain.RawCertificateRequest;
import io.nodeward.issuer.testing.Principals;
import io.nodeward.issuer.testing.TestCsrs;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issuance against fake ports: the order of its steps and what each failure leaves behind. */
class CertificateIssuanceTest {

  private static Vertx vertx;
  private AppFixture fx;
  private CertificateIssuance issuance;

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
    issuance = new CertificateIssuance(vertx, fx.ca, AppFixture.PROFILE, fx.nodes, fx.events, RateLimits.off(), fx.clock);
  }

  private static RawCertificateRequest ec(String nodeId) {
    return new RawCertificateRequest(nodeId, "EC_P256", null, null, null);
  }

  @Test
  void theOwnersCertificateIsRecordedBeforeItIsHandedOut() {
    CertificateIssuance.Issued issued = Await.result(issuance.issue(Principals.owner("alice"), ec("node-1")));

    CertificateIssued recorded = fx.events.of(CertificateIssued.class).get(0);
    assertEquals(issued.event(), recorded);
    assertEquals(KeySource.SERVER_GENERATED, recorded.keySource());
    assertNotNull(issued.privateKey());
    assertTrue(fx.certificates.find(recorded.serialNumber()).isPresent(), "visible at once (read-your-writes)");
  }

  @Test
  void aCsrKeepsTheKeyWithTheCaller() {
    var csr = TestCsrs.csrPem(TestCsrs.ec("secp256r1"));

    CertificateIssuance.Issued issued = Await.result(issuance.issue(Principals.owner("alice"),
        new RawCertificateRequest("node-1", null, csr, null, null)));

    assertEquals(null, issued.privateKey());
    assertEquals(KeySource.CLIENT_CSR, issued.event().keySource());
  }

  @Test
  void aRefusalIsRecordedAsIssuanceDeniedAndNothingIsSigned() {
    Throwable failure = Await.failure(issuance.issue(Principals.owner("bob"), ec("node-1")));

    assertEquals(IssuanceRefusal.NOT_OWNER, assertInstanceOf(IssuanceRefusedException.class, failure).reason());
    assertEquals(IssuanceRefusal.NOT_OWNER, fx.events.of(IssuanceDenied.class).get(0).reason());
    assertEquals(0, fx.ca.signed.get());
  }

  @Test
  void whenTheLogDoesNotAcknowledgeTheCertificateIsRevokedAtTheCaAndNotHandedOut() {
    fx.events.failing = true;

    Throwable failure = Await.failure(issuance.issue(Principals.owner("alice"), ec("node-1")));

    assertInstanceOf(EventNotAcknowledgedException.class, failure);
    assertEquals(1, fx.ca.signed.get());
    assertEquals(1, fx.ca.revoked.size());
    assertEquals(RevocationReason.CESSATION_OF_OPERATION, fx.ca.revoked.values().iterator().next().reason());
    assertTrue(fx.events.of(CertificateRevoked.class).isEmpty(), "the log is down for the revocation too");
  }

  @Test
  void whenTheCaIsDownTheCallerGetsCaUnavailableAndNothingIsRecorded() {
    fx.ca.unavailable = true;

    assertInstanceOf(CaUnavailableException.class, Await.failure(issuance.issue(Principals.owner("alice"), ec("node-1"))));
    assertTrue(fx.events.appended.isEmpty());
  }

  @Test
  void anAdminsCertificateSpeaksForTheNodesOwner() {
    CertificateIssuance.Issued issued = Await.result(issuance.issue(Principals.admin("root"), ec("node-1")));

    assertEquals("alice", issued.event().userId());
    assertEquals("root", issued.event().requestedBy());
  }
}
