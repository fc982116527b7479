package io.nodeward.issuer.domain;

import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.CertificateStatus;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.RevocationReason;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate's state as the certificates topic tells it. Issuance details are null when compaction left
 * only the revocation record for a serial. {@code renews} names the certificate this one renewed, if any.
 */
public record CertificateRecord(
    String serialNumber,
    String userId,
    String nodeId,
    Instant notBefore,
    Instant notAfter,
    String fingerprintSha256,
    KeyAlgorithm keyAlgorithm,
    KeySource keySource,
    CaBackend caBackend,
    Instant issuedAt,
    String requestedBy,
    String certificatePem,
    String renews,
    Revocation revocation) {

  /** How and when a certificate was revoked. */
  public record Revocation(RevocationReason reason, Instant revokedAt, String revokedBy) {
  }

  public CertificateRecord {
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(nodeId, "nodeId");
  }

  public static CertificateRecord issued(CertificateIssued e) {
    return new CertificateRecord(e.serialNumber(), e.userId(), e.nodeId(), e.notBefore(), e.notAfter(),
        e.fingerprintSha256(), e.keyAlgorithm(), e.keySource(), e.caBackend(), e.issuedAt(), e.requestedBy(),
        e.certificatePem(), e.renews(), null);
  }

  /** The revocation applied to what was known; a revocation is final, so a later re-issue record cannot undo it. */
  public static CertificateRecord revoked(CertificateRecord known, CertificateRevoked e) {
    Revocation revocation = new Revocation(e.reason(), e.revokedAt(), e.revokedBy());
    if (known == null) {
      return new CertificateRecord(e.serialNumber(), e.userId(), e.nodeId(), e.notBefore(), e.notAfter(),
          e.fingerprintSha256(), null, null, null, null, null, null, null, revocation);
    }
    if (known.revocation() != null) {
      return known;
    }
    return new CertificateRecord(known.serialNumber(), known.userId(), known.nodeId(), known.notBefore(),
        known.notAfter(), known.fingerprintSha256(), known.keyAlgorithm(), known.keySource(), known.caBackend(),
        known.issuedAt(), known.requestedBy(), known.certificatePem(), known.renews(), revocation);
  }

  /** EXPIRED is derived from the clock, never stored (a revoked certificate stays REVOKED). */
  public CertificateStatus status(Instant now) {
    if (revocation != null) {
      return CertificateStatus.REVOKED;
    }
    return now.isAfter(notAfter) ? CertificateStatus.EXPIRED : CertificateStatus.ACTIVE;
  }

  public boolean visibleTo(String callerUserId, boolean admin) {
    return admin || userId.equals(callerUserId);
  }
}
