package io.nodeward.authorizer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.domain.CertificateFacts;
import io.nodeward.authorizer.domain.ClientChainVerifier;
import io.nodeward.authorizer.domain.Freshness;
import io.nodeward.authorizer.domain.RequestFacts;
import io.nodeward.authorizer.testing.FakeAllowList;
import io.nodeward.authorizer.testing.TestPki;
import io.nodeward.authorizer.testing.TestPki.Issued;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.DecisionOrigin;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The decision use case with an allow-list in memory and a sink that keeps what it is given. */
class AccessAuthorizationTest {

  static final TestPki PKI = TestPki.create("use-case-ca");
  static final TestPki OTHER = TestPki.create("other-ca");
  static final Instant NOW = Instant.now();
  static final RequestFacts GET = new RequestFacts("GET", "/nodes/node-1/x", "10.0.0.1", "TLSv1.3");
  static final String CALLER = "spiffe://nodeward.local/service/lambda-authorizer";

  final List<AccessDecided> recorded = new CopyOnWriteArrayList<>();
  final FakeAllowList allowList = new FakeAllowList(NOW)
      .apply(new NodeProvisioned("node-1", "alice", "http://127.0.0.1:9", NOW, "admin"));
  final AccessAuthorization authorization = new AccessAuthorization(allowList,
      new ClientChainVerifier(List.of(PKI.caCertificate())), d -> {
        recorded.add(d);
        return Future.succeededFuture();
      }, Clock.fixed(NOW, ZoneOffset.UTC), "gw-1",
      Duration.ofMillis(500));

  static CertificateFacts facts(Issued cert) {
    return CertificateFacts.from(cert.certificate(), TestPki.TRUST_DOMAIN);
  }

  AccessOutcome decide(AccessRequest request) {
    return Await.result(authorization.decide(request));
  }

  @Test
  void anAllowedRequestIsRecordedOnceAndNamesItsNode() {
    Issued cert = PKI.client("alice", "node-1");
    allowList.apply(cert.issued());
    AccessOutcome outcome = decide(AccessRequest.verifiedByHandshake(facts(cert), "node-1", "node-1", GET));

    assertTrue(outcome.allowed());
    assertEquals("http://127.0.0.1:9", outcome.node().upstreamUrl());
    assertEquals(List.of(outcome.decision()), recorded);
    assertEquals("gw-1", outcome.decision().instanceId());
    assertEquals(NOW, outcome.decision().decidedAt());
  }

  @Test
  void aDeniedRequestIsRecordedWithoutANode() {
    Issued unknown = PKI.client("alice", "node-1");
    AccessOutcome outcome = decide(AccessRequest.verifiedByHandshake(facts(unknown), "node-1", "node-1", GET));
    assertEquals(DecisionReason.UNKNOWN_CERTIFICATE, outcome.decision().reason());
    assertNull(outcome.node());
    assertSame(outcome.decision(), recorded.get(0));
  }

  @Test
  void anInvalidTargetIsRefusedBeforeTheCertificateIsLookedAtAndRecordsTheNodeSegment() {
    AccessOutcome outcome = decide(AccessRequest.verifiedByHandshake(null, null, "node-1", GET));
    assertEquals(DecisionReason.INVALID_TARGET, outcome.decision().reason());
    assertEquals("node-1", outcome.decision().targetNodeId());
  }

  @Test
  void noReadableCertificateIsAnInvalidIdentity() {
    AccessOutcome outcome = decide(AccessRequest.verifiedByHandshake(null, "node-1", "node-1", GET));
    assertEquals(DecisionReason.INVALID_IDENTITY, outcome.decision().reason());
  }

  @Test
  void aPresentedCertificateFromAnotherCaIsUnknownEvenWhenItsSerialIsPublished() {
    Issued foreign = OTHER.client("alice", "node-1");
    allowList.apply(foreign.issued());
    AccessOutcome outcome = decide(AccessRequest.presented(foreign.certificate(), facts(foreign), "node-1", GET, CALLER));
    assertEquals(DecisionReason.UNKNOWN_CERTIFICATE, outcome.decision().reason());
  }

  @Test
  void eachDecisionIsMarkedWithItsOriginAndAnAuthorizeDecisionWithItsCaller() {
    Issued cert = PKI.client("alice", "node-1");
    allowList.apply(cert.issued());
    AccessDecided viaGateway = decide(AccessRequest.verifiedByHandshake(facts(cert), "node-1", "node-1", GET))
        .decision();
    AccessDecided viaApi = decide(AccessRequest.presented(cert.certificate(), facts(cert), "node-1", GET, CALLER))
        .decision();
    assertEquals(DecisionOrigin.GATEWAY, viaGateway.origin());
    assertEquals(null, viaGateway.caller());
    assertEquals(DecisionOrigin.AUTHORIZE_API, viaApi.origin());
    assertEquals(CALLER, viaApi.caller());
    assertEquals(List.of(viaGateway, viaApi), recorded);
  }

  @Test
  void aPresentedCertificateFromTheCaIsDecidedByThePolicy() {
    Issued cert = PKI.client("alice", "node-1");
    allowList.apply(cert.issued(), cert.revoked());
    AccessOutcome outcome = decide(AccessRequest.presented(cert.certificate(), facts(cert), "node-1", GET, CALLER));
    assertEquals(DecisionReason.REVOKED, outcome.decision().reason());
  }

  @Test
  void aStaleAllowListFailsClosed() {
    Issued cert = PKI.client("alice", "node-1");
    allowList.apply(cert.issued());
    allowList.freshness(Freshness.confirmed(NOW.minus(Duration.ofMinutes(1)), Duration.ofSeconds(5)));
    AccessOutcome outcome = decide(AccessRequest.verifiedByHandshake(facts(cert), "node-1", "node-1", GET));
    assertEquals(DecisionReason.ALLOWLIST_STALE, outcome.decision().reason());
  }

  @Test
  void aCertificateFromOurCaThatTheListDoesNotKnowYetIsDecidedAgainOnceTheListCaughtUp() {
    Issued fresh = PKI.client("alice", "node-1");
    allowList.publish(fresh.issued());
    AccessOutcome outcome = decide(AccessRequest.verifiedByHandshake(facts(fresh), "node-1", "node-1", GET));
    assertTrue(outcome.allowed(), outcome.decision().reason().name());
    assertEquals(1, allowList.catchUps());
    assertEquals(1, recorded.size(), "one decision, recorded after the catch-up");
  }

  @Test
  void aPresentedCertificateFromOurCaCatchesUpToo() {
    Issued fresh = PKI.client("alice", "node-1");
    allowList.publish(fresh.issued());
    AccessOutcome outcome = decide(AccessRequest.presented(fresh.certificate(), facts(fresh), "node-1", GET, CALLER));
    assertTrue(outcome.allowed());
  }

  @Test
  void aCertificateStillUnknownAfterTheCatchUpIsRefused() {
    AccessOutcome outcome = decide(AccessRequest.verifiedByHandshake(facts(PKI.client("alice", "node-1")), "node-1",
        "node-1", GET));
    assertEquals(DecisionReason.UNKNOWN_CERTIFICATE, outcome.decision().reason());
    assertEquals(1, allowList.catchUps());
  }

  @Test
  void aCatchUpThatDoesNotFinishInTimeRefusesTheCertificateAsUnknown() {
    allowList.holdCatchUps();
    AccessOutcome outcome = decide(AccessRequest.verifiedByHandshake(facts(PKI.client("alice", "node-1")), "node-1",
        "node-1", GET));
    assertEquals(DecisionReason.UNKNOWN_CERTIFICATE, outcome.decision().reason());
  }

  @Test
  void aCertificateFromAnotherCaNeverMakesTheListCatchUp() {
    Issued foreign = OTHER.client("alice", "node-1");
    decide(AccessRequest.presented(foreign.certificate(), facts(foreign), "node-1", GET, CALLER));
    assertEquals(0, allowList.catchUps());
  }

  @Test
  void aKnownCertificateNeverWaitsForTheList() {
    Issued cert = PKI.client("alice", "node-1");
    allowList.apply(cert.issued(), cert.revoked());
    decide(AccessRequest.verifiedByHandshake(facts(cert), "node-1", "node-1", GET));
    assertEquals(0, allowList.catchUps());
  }
}
