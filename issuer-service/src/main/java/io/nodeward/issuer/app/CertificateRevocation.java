package io.nodeward.issuer.app;

import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.kit.auth.Principal;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;

/**
 * Revoking a certificate: its owner or an admin; revoked at the CA first (idempotent there), then recorded as
 * CertificateRevoked, which is what the authorizers act on. Revoking a revoked certificate changes nothing.
 */
public final class CertificateRevocation {

  private final CertificateAuthority ca;
  private final RateLimits limits;
  private final CertificateRegistry certificates;
  private final EventLog events;
  private final Clock clock;

  public CertificateRevocation(CertificateAuthority ca, CertificateRegistry certificates, EventLog events,
      RateLimits limits, Clock clock) {
    this.limits = limits;
    this.ca = ca;
    this.certificates = certificates;
    this.events = events;
    this.clock = clock;
  }

  public Future<CertificateRecord> revoke(Principal principal, String serial, RevocationReason reason) {
    return limits.revocation(principal.userId()).compose(allowed -> revokeVisible(principal, serial, reason));
  }

  private Future<CertificateRecord> revokeVisible(Principal principal, String serial, RevocationReason reason) {
    Optional<CertificateRecord> found = certificates.find(serial)
        .filter(c -> c.visibleTo(principal.userId(), principal.isAdmin()));
    if (found.isEmpty()) {
      return Future.failedFuture(new UnknownResourceException(UnknownResourceException.Kind.CERTIFICATE));
    }
    CertificateRecord certificate = found.get();
    if (certificate.revocation() != null) {
      return Future.succeededFuture(certificate);
    }
    CertificateRevoked event = new CertificateRevoked(serial, certificate.userId(), certificate.nodeId(),
        certificate.notBefore(), certificate.notAfter(), certificate.fingerprintSha256(), reason, clock.instant(),
        principal.userId());
    return ca.revoke(serial, reason)
        .recover(e -> Future.failedFuture(new CaUnavailableException("revoke", e)))
        .compose(v -> events.append(event)
            .recover(e -> Future.failedFuture(new EventNotAcknowledgedException("CertificateRevoked", e))))
        .map(published -> certificates.find(serial).orElseThrow());
  }
}
