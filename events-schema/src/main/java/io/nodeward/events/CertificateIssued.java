package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate was signed for {@code userId} to reach {@code nodeId}. Carries the certificate's whole state
 * (the certificates topic is compacted by serial, so the latest record per serial is the state).
 * {@code certificatePem} is public material; the private key never appears in any event.
 *
 * @param renews on a certificate issued by renewal, the serial of the certificate it renews (which proved
 *     possession over mutual TLS); absent otherwise, and on events written before renewal existed
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
    String requestedBy,
    String renews) implements EventData {

  /** A first issuance, renewing nothing. */
  public CertificateIssued(String serialNumber, String userId, String nodeId, Instant notBefore, Instant notAfter,
      KeyAlgorithm keyAlgorithm, KeySource keySource, CaBackend caBackend, String fingerprintSha256,
      String certificatePem, Instant issuedAt, String requestedBy) {
    this(serialNumber, userId, nodeId, notBefore, notAfter, keyAlgorithm, keySource, caBackend, fingerprintSha256,
        certificatePem, issuedAt, requestedBy, null);
  }

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
    if (renews != null) {
      Identifiers.requireSerial(renews);
    }
  }

  @Override
  public String key() {
    return serialNumber;
  }
}
