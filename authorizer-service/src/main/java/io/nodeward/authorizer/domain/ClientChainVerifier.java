package io.nodeward.authorizer.domain;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Re-verifies a client certificate handed to us as PEM (the API Gateway authorizer path) against the nodeward
 * CA chain with PKIX (RFC 5280 §6). Validity against the clock is left to {@link AccessPolicy}, which names
 * EXPIRED / NOT_YET_VALID precisely, so the path is validated at an instant inside the leaf's validity.
 * Revocation comes from the allow-list, not from CRLs.
 */
public final class ClientChainVerifier {

  private final Set<TrustAnchor> anchors;

  public ClientChainVerifier(List<X509Certificate> caChain) {
    if (caChain.isEmpty()) {
      throw new IllegalArgumentException("no CA certificate to trust");
    }
    this.anchors = caChain.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toUnmodifiableSet());
  }

  /** True when {@code leaf} chains to one of the trust anchors. */
  public boolean chainsToTrustAnchor(X509Certificate leaf, Instant now) {
    try {
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(clamp(now, leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant())));
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), parameters);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Instant clamp(Instant now, Instant from, Instant to) {
    if (now.isBefore(from)) {
      return from;
    }
    return now.isAfter(to) ? to : now;
  }
}
