package io.nodeward.issuer.domain;

import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.CertificateStatus;
import io.nodeward.events.CloudEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Every certificate and its status, rebuilt from the certificates topic (see {@link LogProjection}). */
public final class CertificateRegistry {

  private final LogProjection<CertificateRecord> certificates = new LogProjection<>();
  private final java.util.concurrent.atomic.AtomicLong revocationsApplied = new java.util.concurrent.atomic.AtomicLong();

  public void applyFromLog(CloudEvent<?> event) {
    change(event).ifPresent(c -> certificates.applyFromLog(event.id(), event.key(), c));
    countRevocation(event);
  }

  public void applyPublished(CloudEvent<?> event) {
    change(event).ifPresent(c -> certificates.applyPublished(event.id(), event.key(), c));
    countRevocation(event);
  }

  private void countRevocation(CloudEvent<?> event) {
    if (event.data() instanceof CertificateRevoked) {
      revocationsApplied.incrementAndGet();
    }
  }

  private static Optional<UnaryOperator<Optional<CertificateRecord>>> change(CloudEvent<?> event) {
    if (event.data() instanceof CertificateIssued issued) {
      // A revocation already known wins over a re-delivered issuance of the same serial.
      return Optional.of(current -> current.filter(c -> c.revocation() != null)
          .or(() -> Optional.of(CertificateRecord.issued(issued))));
    }
    if (event.data() instanceof CertificateRevoked revoked) {
      return Optional.of(current -> Optional.of(CertificateRecord.revoked(current.orElse(null), revoked)));
    }
    return Optional.empty();
  }

  /**
   * One page of the certificates a query selects, in {@link CertificateQuery#ORDER}. Keeps only the best
   * {@code limit + 1} candidates while scanning, so a page costs memory for the page, not for the registry.
   */
  public Page<CertificateRecord, CertificateQuery.Position> page(CertificateQuery query, Instant now) {
    if (query.serial() != null) {
      List<CertificateRecord> one = find(query.serial()).filter(c -> query.matches(c, now)).stream().toList();
      return new Page<>(one, Optional.empty());
    }
    return Pages.best(certificates::forEachValue, c -> query.matches(c, now), CertificateQuery.ORDER, query.limit(),
        CertificateQuery.Position::of);
  }

  /** Every revoked certificate that has not expired at {@code now}: what a CRL lists. */
  public List<CertificateRecord> revokedUnexpired(Instant now) {
    List<CertificateRecord> revoked = new java.util.ArrayList<>();
    certificates.forEachValue(c -> {
      if (c.revocation() != null && (c.notAfter() == null || !now.isAfter(c.notAfter()))) {
        revoked.add(c);
      }
    });
    return revoked;
  }

  /** Changes every time a revocation is applied (from the log or published here): cheap change detection for the CRL. */
  public long revocationsApplied() {
    return revocationsApplied.get();
  }

  public Optional<CertificateRecord> find(String serialNumber) {
    return certificates.get(serialNumber);
  }

  /**
   * The certificates a caller may see (their own; an admin sees all), optionally for one node and one status,
   * newest first.
   */
  public List<CertificateRecord> list(String callerUserId, boolean admin, String nodeId, CertificateStatus status,
      Instant now) {
    return certificates.values().stream()
        .filter(c -> c.visibleTo(callerUserId, admin))
        .filter(c -> nodeId == null || c.nodeId().equals(nodeId))
        .filter(c -> status == null || c.status(now) == status)
        .sorted(Comparator.comparing(CertificateRecord::notBefore, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(CertificateRecord::serialNumber))
        .toList();
  }

  /** How many certificates have {@code status} at {@code now} (metrics; one pass over the registry). */
  public long count(CertificateStatus status, Instant now) {
    long[] count = {0};
    certificates.forEachValue(c -> {
      if (c.status(now) == status) {
        count[0]++;
      }
    });
    return count[0];
  }

  /** Active certificates whose notAfter lies within {@code within} of {@code now}. */
  public long expiringWithin(Instant now, java.time.Duration within) {
    Instant limit = now.plus(within);
    long[] count = {0};
    certificates.forEachValue(c -> {
      if (c.status(now) == CertificateStatus.ACTIVE && c.notAfter() != null && !c.notAfter().isAfter(limit)) {
        count[0]++;
      }
    });
    return count[0];
  }

  public int size() {
    return certificates.size();
  }
}
