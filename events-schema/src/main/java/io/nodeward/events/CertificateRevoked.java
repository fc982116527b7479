package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate was revoked. Repeats the identity and validity so that, as the latest record for its serial
 * on the compacted topic, it still describes the whole certificate.
 */
public record CertificateRevoked(
    String serialNumber,
    String userId,
    String nodeId,
    Instant notBefore,
    Instant notAfter,
    String fingerprintSha256,
    RevocationReason reason,
    Instant revokedAt,
    String revokedBy) implements EventData {

  public CertificateRevoked {
    Identifiers.requireSerial(serialNumber);
    Identifiers.requireUserId(userId);
    Identifiers.requireNodeId(nodeId);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Identifiers.requireUserId(revokedBy);
  }

  @Override
  public String key() {
    return serialNumber;
  }
}
