package io.nodeward.issuer.domain;

import io.nodeward.events.RevocationReason;
import java.time.Instant;
import java.util.Objects;

/** One revoked certificate as a CRL lists it (RFC 5280 §5.1.2.6): serial, when, and why. */
public record CrlEntry(String serialHex, Instant revokedAt, RevocationReason reason) {

  public CrlEntry {
    io.nodeward.events.Identifiers.requireSerial(serialHex);
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(reason, "reason");
  }
}
