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

  public void applyFromLog(CloudEvent<?> event) {
    change(event).ifPresent(c -> certificates.applyFromLog(event.id(), event.key(), c));
  }

  public void applyPublished(CloudEvent<?> event) {
    change(event).ifPresent(c -> certificates.applyPublished(event.id(), event.key(), c));
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

  public int size() {
    return certificates.size();
  }
}
