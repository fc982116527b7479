package io.nodeward.issuer.domain;

import io.nodeward.events.CertificateIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a certificate that proved possession of its key over mutual TLS may renew itself, decided without
 * I/O: it must be inside its validity window, recorded by nodeward under the identity it carries, not revoked,
 * and its node must still exist with the same owner (a renewal can never move a certificate to another owner).
 */
public final class RenewalPolicy {

  private final CertificateProfile profile;

  public RenewalPolicy(CertificateProfile profile) {
    this.profile = profile;
  }

  /** What the presented certificate says about itself (its signature already verified). */
  public record Presented(String serialHex, String fingerprintSha256, Instant notBefore, Instant notAfter,
      Optional<CertificateIdentity> identity) {
  }

  public Optional<RenewalRefusal> check(Presented presented, Optional<CertificateRecord> record, Optional<Node> node,
      Instant now) {
    if (now.isAfter(presented.notAfter())) {
      return Optional.of(RenewalRefusal.CERTIFICATE_EXPIRED);
    }
    if (now.isBefore(presented.notBefore())) {
      return Optional.of(RenewalRefusal.CERTIFICATE_NOT_YET_VALID);
    }
    if (record.isEmpty() || presented.identity().isEmpty() || !matches(presented, record.get())) {
      return Optional.of(RenewalRefusal.UNKNOWN_CERTIFICATE);
    }
    if (record.get().revocation() != null) {
      return Optional.of(RenewalRefusal.CERTIFICATE_REVOKED);
    }
    if (node.isEmpty() || !node.get().ownedBy(record.get().userId())) {
      return Optional.of(RenewalRefusal.NODE_DEPROVISIONED);
    }
    return Optional.empty();
  }

  /** The record is this very certificate: same fingerprint (when known) and the identity it was issued for. */
  private boolean matches(Presented presented, CertificateRecord record) {
    CertificateIdentity identity = presented.identity().get();
    boolean sameCertificate = record.fingerprintSha256() == null
        || record.fingerprintSha256().equals(presented.fingerprintSha256());
    return sameCertificate && identity.trustDomain().equals(profile.trustDomain())
        && identity.userId().equals(record.userId()) && identity.nodeId().equals(record.nodeId());
  }

  /**
   * The new certificate's lifetime: what the caller asked for, else the renewed certificate's own (as step-ca
   * renews), never more than the profile's maximum.
   */
  public Duration lifetime(Presented presented, Duration requested) {
    if (requested != null) {
      return requested;
    }
    Duration own = Duration.between(presented.notBefore(), presented.notAfter()).minus(profile.backdate());
    if (own.compareTo(Duration.ofMinutes(1)) < 0) {
      own = Duration.ofMinutes(1);
    }
    return own.compareTo(profile.maxValidity()) > 0 ? profile.maxValidity() : own;
  }

  public String explain(RenewalRefusal refusal) {
    return switch (refusal) {
      case CLIENT_CERTIFICATE_REQUIRED -> "Present the certificate to renew as the TLS client certificate.";
      case UNTRUSTED_CERTIFICATE -> "The certificate was not issued by this CA.";
      case CERTIFICATE_EXPIRED -> "The certificate has expired; request a new one with your token.";
      case CERTIFICATE_NOT_YET_VALID -> "The certificate is not valid yet.";
      case CERTIFICATE_REVOKED -> "The certificate is revoked and cannot renew.";
      case UNKNOWN_CERTIFICATE -> "The certificate is not one nodeward issued to a node.";
      case NODE_DEPROVISIONED -> "The certificate's node no longer exists for its owner.";
      case CSR_REQUIRED -> "This CA signs CSRs only: send csrPem (it may hold the same key).";
    };
  }
}
