package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate was signed for {@code userId} to reach {@code nodeId}. Carries the certificate's whole state
 * (the certificates topic is compacted by serial, so the latest record per serial is the state).
 * {@code certificatePem} is public material; the private key never appears in any event.
 */
public record CertificateIssued(
    String serialNumber,
    String userId,
    String nodeId,
    Instant notBefore,
    Instant notAfter,
    KeyAlgorithm keyAlgorithm,
    KeySource keySource,
    CaBackend caBackend,
    String fingerprintSha256,
    String certificatePem,
    Instant issuedAt,
    String requestedBy) implements EventData {

  public CertificateIssued {
    Identifiers.requireSerial(serialNumber);
    Identifiers.requireUserId(userId);
    Identifiers.requireNodeId(nodeId);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    Objects.requireNonNull(keySource, "keySource");
    Objects.requireNonNull(caBackend, "caBackend");
    Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Identifiers.requireUserId(requestedBy);
  }

  @Override
  public String key() {
    return serialNumber;
  }
}
