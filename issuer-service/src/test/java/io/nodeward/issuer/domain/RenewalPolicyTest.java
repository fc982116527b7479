package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.RevocationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may renew: each rule with the case that passes beside the case that is refused. */
class RenewalPolicyTest {

  private static final CertificateProfile PROFILE =
      CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(7), Duration.ofDays(30));
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final String FP = "ab".repeat(32);
  private static final Instant NOT_BEFORE = NOW.minus(Duration.ofDays(1)).minus(PROFILE.backdate());
  private static final Instant NOT_AFTER = NOW.plus(Duration.ofDays(6));
  private final RenewalPolicy policy = new RenewalPolicy(PROFILE);

  private static RenewalPolicy.Presented presented(Instant notBefore, Instant notAfter, String user, String node) {
    return new RenewalPolicy.Presented("5c1e", FP, notBefore, notAfter,
        Optional.of(new CertificateIdentity("nodeward.local", user, node)));
  }

  private static CertificateRecord record(CertificateRecord.Revocation revocation) {
    return new CertificateRecord("5c1e", "alice", "node-1", NOT_BEFORE, NOT_AFTER, FP, null, null, null, NOW, "alice",
        "pem", null, revocation);
  }

  private static final Optional<Node> ALICES_NODE = Optional.of(new Node("node-1", "alice", "http://h", NOW));

  private Optional<RenewalRefusal> check(RenewalPolicy.Presented presented, Optional<CertificateRecord> record,
      Optional<Node> node) {
    return policy.check(presented, record, node, NOW);
  }

  @Test
  void aValidRecordedCertificateOfAnExistingNodeRenews() {
    assertEquals(Optional.empty(), check(presented(NOT_BEFORE, NOT_AFTER, "alice", "node-1"),
        Optional.of(record(null)), ALICES_NODE));
  }

  @Test
  void anExpiredOrNotYetValidCertificateDoesNot() {
    assertEquals(Optional.of(RenewalRefusal.CERTIFICATE_EXPIRED), check(presented(NOT_BEFORE, NOW.minusSeconds(1),
        "alice", "node-1"), Optional.of(record(null)), ALICES_NODE));
    assertEquals(Optional.of(RenewalRefusal.CERTIFICATE_NOT_YET_VALID), check(presented(NOW.plusSeconds(60),
        NOT_AFTER, "alice", "node-1"), Optional.of(record(null)), ALICES_NODE));
  }

  @Test
  void aRevokedCertificateDoesNot() {
    CertificateRecord.Revocation revoked = new CertificateRecord.Revocation(RevocationReason.KEY_COMPROMISE, NOW, "alice");
    assertEquals(Optional.of(RenewalRefusal.CERTIFICATE_REVOKED), check(presented(NOT_BEFORE, NOT_AFTER, "alice",
        "node-1"), Optional.of(record(revoked)), ALICES_NODE));
  }

  @Test
  void anUnrecordedOrMismatchedCertificateIsUnknown() {
    assertEquals(Optional.of(RenewalRefusal.UNKNOWN_CERTIFICATE), check(presented(NOT_BEFORE, NOT_AFTER, "alice",
        "node-1"), Optional.empty(), ALICES_NODE));
    assertEquals(Optional.of(RenewalRefusal.UNKNOWN_CERTIFICATE), check(presented(NOT_BEFORE, NOT_AFTER, "bob",
        "node-1"), Optional.of(record(null)), ALICES_NODE), "identity differs from the record");
    assertEquals(Optional.of(RenewalRefusal.UNKNOWN_CERTIFICATE), check(new RenewalPolicy.Presented("5c1e", FP,
        NOT_BEFORE, NOT_AFTER, Optional.empty()), Optional.of(record(null)), ALICES_NODE), "no identity SAN");
    assertEquals(Optional.of(RenewalRefusal.UNKNOWN_CERTIFICATE), check(new RenewalPolicy.Presented("5c1e", "cd".repeat(32),
        NOT_BEFORE, NOT_AFTER, Optional.of(new CertificateIdentity("nodeward.local", "alice", "node-1"))),
        Optional.of(record(null)), ALICES_NODE), "another certificate with the same serial");
  }

  @Test
  void aDeprovisionedOrReassignedNodeCannotRenew() {
    assertEquals(Optional.of(RenewalRefusal.NODE_DEPROVISIONED), check(presented(NOT_BEFORE, NOT_AFTER, "alice",
        "node-1"), Optional.of(record(null)), Optional.empty()));
    assertEquals(Optional.of(RenewalRefusal.NODE_DEPROVISIONED), check(presented(NOT_BEFORE, NOT_AFTER, "alice",
        "node-1"), Optional.of(record(null)), Optional.of(new Node("node-1", "bob", "http://h", NOW))));
  }

  @Test
  void theNewLifetimeIsTheOldOneUnlessAskedAndNeverAboveTheMaximum() {
    assertEquals(Duration.ofDays(7), policy.lifetime(presented(NOT_BEFORE, NOT_BEFORE.plus(Duration.ofDays(7))
        .plus(PROFILE.backdate()), "alice", "node-1"), null));
    assertEquals(Duration.ofMinutes(5), policy.lifetime(presented(NOT_BEFORE, NOT_BEFORE.plus(Duration.ofMinutes(6)),
        "alice", "node-1"), null));
    assertEquals(Duration.ofDays(30), policy.lifetime(presented(NOT_BEFORE, NOT_BEFORE.plus(Duration.ofDays(90)),
        "alice", "node-1"), null));
    assertEquals(Duration.ofHours(2), policy.lifetime(presented(NOT_BEFORE, NOT_AFTER, "alice", "node-1"),
        Duration.ofHours(2)));
  }
}
