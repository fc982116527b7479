package io.nodeward.issuer.app;

import io.nodeward.issuer.domain.CertificateQuery;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.Page;
import io.nodeward.kit.auth.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Reading certificates: one page of what a caller may see, or one certificate. Someone else's certificate is
 * "not found", the same as a serial that does not exist, so serials cannot be probed.
 */
public final class CertificateInventory {

  /** A page and the instant its statuses were computed at (expired is derived from the clock). */
  public record Listed(Page<CertificateRecord, CertificateQuery.Position> page, Instant at) {
  }

  private final CertificateRegistry certificates;
  private final Clock clock;

  public CertificateInventory(CertificateRegistry certificates, Clock clock) {
    this.certificates = certificates;
    this.clock = clock;
  }

  /** The query already carries the caller's identity and role (its visibility rule). */
  public Listed page(CertificateQuery query) {
    Instant now = clock.instant();
    return new Listed(certificates.page(query, now), now);
  }

  public Optional<CertificateRecord> find(Principal principal, String serial) {
    return certificates.find(serial).filter(c -> c.visibleTo(principal.userId(), principal.isAdmin()));
  }

  public Instant now() {
    return clock.instant();
  }
}
