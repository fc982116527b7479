package io.nodeward.authorizer.domain;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.kit.tls.Fingerprints;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the policy needs to know about a client certificate whose chain the TLS layer (or the PKIX check of
 * {@code /authorize}) has already verified. {@code identity} is null when the certificate carries no valid
 * nodeward identity, {@code serial} is null when the serial is not a positive integer.
 */
public record CertificateFacts(
    String serial,
    CertificateIdentity identity,
    Instant notBefore,
    Instant notAfter,
    boolean clientAuth,
    String fingerprintSha256) {

  /** RFC 5280 §4.2.1.12 id-kp-clientAuth. */
  static final String CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";
  private static final int URI_SAN = 6;

  public Optional<CertificateIdentity> optionalIdentity() {
    return Optional.ofNullable(identity);
  }

  /** Extracts the facts; an identity from a foreign trust domain counts as no identity. */
  public static CertificateFacts from(X509Certificate certificate, String trustDomain) {
    return new CertificateFacts(
        serialOf(certificate),
        identityOf(certificate, trustDomain),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        hasClientAuth(certificate),
        Fingerprints.sha256Hex(certificate));
  }

  private static String serialOf(X509Certificate certificate) {
    return certificate.getSerialNumber().signum() > 0 ? Fingerprints.serialHex(certificate) : null;
  }

  /**
   * The X509-SVID rule (SPIFFE X509-SVID §2): exactly one URI SAN, and it is the identity. A certificate with
   * two URI SANs could speak for two nodes, so it speaks for none.
   */
  static CertificateIdentity identityOf(X509Certificate certificate, String trustDomain) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return null;
    }
    if (names == null) {
      return null;
    }
    String uri = null;
    for (List<?> name : names) {
      if (name.size() == 2 && Integer.valueOf(URI_SAN).equals(name.get(0))) {
        if (uri != null) {
          return null;
        }
        uri = String.valueOf(name.get(1));
      }
    }
    return CertificateIdentity.parse(uri)
        .filter(identity -> identity.trustDomain().equals(trustDomain))
        .orElse(null);
  }

  /** Explicit clientAuth only: a certificate without an EKU extension is valid for any purpose, which we refuse. */
  static boolean hasClientAuth(X509Certificate certificate) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages != null && usages.contains(CLIENT_AUTH_OID);
    } catch (CertificateParsingException e) {
      return false;
    }
  }
}
