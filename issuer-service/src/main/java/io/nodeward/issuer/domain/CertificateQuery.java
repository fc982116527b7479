package io.nodeward.issuer.domain;

import io.nodeward.events.CertificateStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Which certificates a caller lists, one page at a time: visibility (own, or all for an admin), filters
 * (ANDed; null means any) and the keyset position to continue after.
 *
 * @param callerUserId who asks
 * @param admin whether the caller sees every certificate
 * @param userId only this owner's certificates (for a non-admin, anything but their own id yields nothing)
 * @param expiringWithin only active certificates whose notAfter is at most this far from now
 * @param serial canonical serial: the one certificate with it
 * @param after continue after this position (exclusive), null for the first page
 * @param limit page size, at least 1
 */
public record CertificateQuery(String callerUserId, boolean admin, String userId, String nodeId,
    CertificateStatus status, Duration expiringWithin, String serial, Position after, int limit) {

  /** Newest first by notBefore (unknown last), then serial ascending: a total order, so keyset paging is exact. */
  public static final Comparator<CertificateRecord> ORDER =
      (a, b) -> Position.of(a).compareTo(b);

  /** Where a page ended: the last item's sort key. */
  public record Position(Instant notBefore, String serialNumber) {

    public Position {
      Objects.requireNonNull(serialNumber, "serialNumber");
    }

    public static Position of(CertificateRecord record) {
      return new Position(record.notBefore(), record.serialNumber());
    }

    /** {@code <epochSecond or ->:<serial>}: what a cursor carries. */
    public String token() {
      return (notBefore == null ? "-" : Long.toString(notBefore.getEpochSecond())) + ":" + serialNumber;
    }

    public static Optional<Position> parse(String token) {
      int colon = token.indexOf(':');
      if (colon < 1) {
        return Optional.empty();
      }
      String time = token.substring(0, colon);
      String serial = token.substring(colon + 1);
      if (!io.nodeward.events.Identifiers.isSerial(serial)) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Position(time.equals("-") ? null : Instant.ofEpochSecond(Long.parseLong(time)), serial));
      } catch (NumberFormatException | java.time.DateTimeException e) {
        return Optional.empty();
      }
    }

    /** Negative when this position sorts before {@code record} in {@link #ORDER}. */
    int compareTo(CertificateRecord record) {
      int byTime = newestFirst(notBefore, record.notBefore());
      return byTime != 0 ? byTime : serialNumber.compareTo(record.serialNumber());
    }

    private static int newestFirst(Instant a, Instant b) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : 1) : -1;
      }
      return b.compareTo(a);
    }
  }

  public CertificateQuery {
    Objects.requireNonNull(callerUserId, "callerUserId");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  /** Every filter and the visibility rule, for one record at {@code now}. */
  public boolean matches(CertificateRecord c, Instant now) {
    if (!c.visibleTo(callerUserId, admin)) {
      return false;
    }
    if (userId != null && !c.userId().equals(userId)) {
      return false;
    }
    if (nodeId != null && !c.nodeId().equals(nodeId)) {
      return false;
    }
    if (serial != null && !c.serialNumber().equals(serial)) {
      return false;
    }
    CertificateStatus current = c.status(now);
    if (status != null && current != status) {
      return false;
    }
    if (expiringWithin != null
        && (current != CertificateStatus.ACTIVE || c.notAfter().isAfter(now.plus(expiringWithin)))) {
      return false;
    }
    return after == null || after.compareTo(c) < 0;
  }
}
