package io.nodeward.console.domain;

import java.time.Instant;

/**
 * A certificate as the issuer API shows it. Optional fields are null when the API did not send them (a record known
 * only through its revocation has no key facts; the PEMs come only from the one-certificate route).
 */
public record Certificate(
    String serialNumber,
    String nodeId,
    String userId,
    String status,
    Instant notBefore,
    Instant notAfter,
    Instant issuedAt,
    String keyAlgorithm,
    String keySource,
    String caBackend,
    String fingerprintSha256,
    String revocationReason,
    Instant revokedAt,
    String certificatePem,
    String certificateChainPem) {

  public boolean active() {
    return "active".equals(status);
  }

  public boolean revoked() {
    return "revoked".equals(status);
  }

  /** The certificate followed by its CA chain, as a client configures it. */
  public String fullChainPem() {
    if (certificatePem == null) {
      return null;
    }
    String cert = certificatePem.endsWith("\n") ? certificatePem : certificatePem + "\n";
    return certificateChainPem == null ? cert : cert + certificateChainPem;
  }
}
