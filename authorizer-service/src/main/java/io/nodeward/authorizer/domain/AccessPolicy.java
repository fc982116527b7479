package io.nodeward.authorizer.domain;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.Identifiers;
import java.time.Instant;

/**
 * The policy decision point. A request is allowed only if every rule below holds; the first rule that fails
 * names the reason. Pure: the allow-list view, the clock and the freshness are passed in, so one decision
 * reads one consistent snapshot and the rules are tested as a table.
 */
public final class AccessPolicy {

  private AccessPolicy() {
  }

  public static Decision decide(CertificateFacts facts, AllowListSnapshot snapshot, String targetNodeId, Instant now,
      Freshness freshness) {
    // Checks that need no allow-list come first: their answer cannot change with it.
    if (!Identifiers.isNodeId(targetNodeId)) {
      return Decision.of(DecisionReason.INVALID_TARGET);
    }
    CertificateIdentity identity = facts.identity();
    if (identity == null || !facts.clientAuth() || facts.serial() == null) {
      return Decision.of(DecisionReason.INVALID_IDENTITY);
    }
    // A stale list may be missing a revocation: fail closed rather than allow on old data.
    if (!freshness.isFresh(now)) {
      return Decision.of(DecisionReason.ALLOWLIST_STALE);
    }
    CertificateRecord record = snapshot.certificate(facts.serial());
    // The fingerprint binds the presented certificate to the issued one, not just its serial: two CAs
    // (local and ACM PCA) may both be trusted, and a serial alone is not unique across them.
    if (record == null || !record.fingerprintSha256().equals(facts.fingerprintSha256())) {
      return Decision.of(DecisionReason.UNKNOWN_CERTIFICATE);
    }
    if (record.revoked()) {
      return Decision.of(DecisionReason.REVOKED);
    }
    if (now.isBefore(facts.notBefore()) || now.isBefore(record.notBefore())) {
      return Decision.of(DecisionReason.NOT_YET_VALID);
    }
    // RFC 5280 §4.1.2.5: the certificate is valid through notAfter inclusive.
    if (now.isAfter(facts.notAfter()) || now.isAfter(record.notAfter())) {
      return Decision.of(DecisionReason.EXPIRED);
    }
    if (!identity.nodeId().equals(targetNodeId) || !record.nodeId().equals(targetNodeId)) {
      return Decision.of(DecisionReason.NODE_MISMATCH);
    }
    NodeRecord node = snapshot.node(targetNodeId);
    if (node == null) {
      return Decision.of(DecisionReason.NODE_NOT_PROVISIONED);
    }
    if (!node.ownerUserId().equals(identity.userId()) || !record.userId().equals(identity.userId())) {
      return Decision.of(DecisionReason.NOT_OWNER);
    }
    return Decision.of(DecisionReason.ALLOWED);
  }
}
