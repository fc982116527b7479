package io.nodeward.issuer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.RevocationReason;
import io.nodeward.events.Topics;
import io.nodeward.issuer.domain.LogPosition;
import io.nodeward.issuer.domain.Propagation;
import java.util.List;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.domain.RawCertificateRequest;
import io.nodeward.issuer.testing.Principals;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revocation against fake ports: CA first, then the log; idempotent; invisible certificates are unknown. */
class CertificateRevocationTest {

  private static Vertx vertx;
  private AppFixture fx;
  private CertificateRevocation revocation;
  private String serial;

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
    serial = Await.result(new CertificateIssuance(vertx, fx.ca, AppFixture.PROFILE, fx.nodes, fx.events, RateLimits.off(), fx.clock)
        .issue(Principals.owner("alice"), new RawCertificateRequest("node-1", "EC_P256", null, null, null)))
        .event().serialNumber();
    fx.events.appended.clear();
    revocation = new CertificateRevocation(fx.ca, fx.certificates, fx.events, fx.propagation, RateLimits.off(), fx.clock);
  }

  @Test
  void theOwnerRevokesAtTheCaAndInTheLog() {
    CertificateRevocation.Revoked result = Await.result(revocation.revoke(Principals.owner("alice"), serial,
        RevocationReason.KEY_COMPROMISE));
    CertificateRecord revoked = result.certificate();

    assertEquals(RevocationReason.KEY_COMPROMISE, revoked.revocation().reason());
    assertTrue(fx.ca.revoked.containsKey(serial));
    assertEquals("alice", fx.events.of(CertificateRevoked.class).get(0).revokedBy());
  }

  @Test
  void revokingAgainRecordsNothingNew() {
    Await.result(revocation.revoke(Principals.owner("alice"), serial, RevocationReason.SUPERSEDED));
    CertificateRecord again = Await.result(revocation.revoke(Principals.admin("root"), serial, RevocationReason.UNSPECIFIED))
        .certificate();

    assertEquals(RevocationReason.SUPERSEDED, again.revocation().reason());
    assertEquals(1, fx.events.of(CertificateRevoked.class).size());
  }

  @Test
  void theAnswerWaitsForTheAuthorizersOnTheRevocationsOwnRecord() {
    fx.propagation.answer = new Propagation(List.of("gw-a"), List.of("gw-b"));

    CertificateRevocation.Revoked result = Await.result(revocation.revoke(Principals.owner("alice"), serial,
        RevocationReason.KEY_COMPROMISE));

    assertEquals(List.of("gw-b"), result.propagation().pending());
    LogPosition revokedAt = fx.events.latest(Topics.CERTIFICATES).get(0);
    assertEquals(List.of(List.of(revokedAt)), fx.propagation.asked);
  }

  @Test
  void revokingAgainWaitsForEverythingTheIssuerKnowsOfTheCertificates() {
    Await.result(revocation.revoke(Principals.owner("alice"), serial, RevocationReason.SUPERSEDED));
    fx.propagation.asked.clear();

    Await.result(revocation.revoke(Principals.owner("alice"), serial, RevocationReason.SUPERSEDED));

    assertEquals(List.of(fx.events.latest(Topics.CERTIFICATES)), fx.propagation.asked);
  }

  @Test
  void someoneElsesCertificateIsUnknown() {
    Throwable failure = Await.failure(revocation.revoke(Principals.owner("bob"), serial, RevocationReason.UNSPECIFIED));

    assertEquals(UnknownResourceException.Kind.CERTIFICATE, assertInstanceOf(UnknownResourceException.class, failure).kind());
    assertTrue(fx.ca.revoked.isEmpty());
  }

  @Test
  void aCaOutageRecordsNothingAndALogOutageLeavesTheCertificateActiveInTheView() {
    fx.ca.unavailable = true;
    assertInstanceOf(CaUnavailableException.class,
        Await.failure(revocation.revoke(Principals.owner("alice"), serial, RevocationReason.UNSPECIFIED)));
    assertTrue(fx.events.appended.isEmpty());

    fx.ca.unavailable = false;
    fx.events.failing = true;
    assertInstanceOf(EventNotAcknowledgedException.class,
        Await.failure(revocation.revoke(Principals.owner("alice"), serial, RevocationReason.UNSPECIFIED)));
    assertEquals(null, fx.certificates.find(serial).orElseThrow().revocation());
  }
}
