package io.nodeward.issuer.domain;

import java.time.Instant;
import java.util.Objects;

/** When a certificate is valid: [notBefore, notAfter], both inclusive (RFC 5280 §4.1.2.5). */
public record ValidityWindow(Instant notBefore, Instant notAfter) {

  public ValidityWindow {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter must be after notBefore");
    }
  }
}
