package io.nodeward.issuer.app;

import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.RevocationReason;
import io.nodeward.events.Topics;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.Propagation;
import io.nodeward.kit.auth.Principal;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Revoking a certificate: its owner or an admin; revoked at the CA first (idempotent there), then recorded as
 * CertificateRevoked, which is what the authorizers act on; then the answer waits until every live authorizer
 * instance has applied it (or the wait times out, naming who is pending). Revoking a revoked certificate records
 * nothing new and waits until the authorizers have applied everything the issuer knows of the certificates topic,
 * so asking again after a 202 tells whether it has reached them since.
 */
public final class CertificateRevocation {

  /** The revoked certificate and how far its revocation reached the authorizers. */
  public record Revoked(CertificateRecord certificate, Propagation propagation) {
  }

  private final CertificateAuthority ca;
  private final RateLimits limits;
  private final CertificateRegistry certificates;
  private final EventLog events;
  private final PropagationWatch propagation;
  private final Clock clock;

  public CertificateRevocation(CertificateAuthority ca, CertificateRegistry certificates, EventLog events,
      PropagationWatch propagation, RateLimits limits, Clock clock) {
    this.propagation = propagation;
    this.limits = limits;
    this.ca = ca;
    this.certificates = certificates;
    this.events = events;
    this.clock = clock;
  }

  public Future<Revoked> revoke(Principal principal, String serial, RevocationReason reason) {
    return limits.revocation(principal.userId()).compose(allowed -> revokeVisible(principal, serial, reason));
  }

  private Future<Revoked> revokeVisible(Principal principal, String serial, RevocationReason reason) {
    Optional<CertificateRecord> found = certificates.find(serial)
        .filter(c -> c.visibleTo(principal.userId(), principal.isAdmin()));
    if (found.isEmpty()) {
      return Future.failedFuture(new UnknownResourceException(UnknownResourceException.Kind.CERTIFICATE));
    }
    CertificateRecord certificate = found.get();
    if (certificate.revocation() != null) {
      return propagation.confirm(events.latest(Topics.CERTIFICATES)).map(p -> new Revoked(certificate, p));
    }
    CertificateRevoked event = new CertificateRevoked(serial, certificate.userId(), certificate.nodeId(),
        certificate.notBefore(), certificate.notAfter(), certificate.fingerprintSha256(), reason, clock.instant(),
        principal.userId());
    return ca.revoke(serial, reason)
        .recover(e -> Future.failedFuture(new CaUnavailableException("revoke", e)))
        .compose(v -> events.append(event)
            .recover(e -> Future.failedFuture(new EventNotAcknowledgedException("CertificateRevoked", e))))
        .compose(position -> propagation.confirm(List.of(position)))
        .map(p -> new Revoked(certificates.find(serial).orElseThrow(), p));
  }
}
