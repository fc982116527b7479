package io.nodeward.issuer.domain;

import java.util.Objects;

/** A renewal nodeward will not perform, with its stable reason; the detail never repeats the caller's input. */
public final class RenewalRefusedException extends RuntimeException {

  private final RenewalRefusal reason;

  public RenewalRefusedException(RenewalRefusal reason, String detail) {
    super(detail, null, false, false);
    this.reason = Objects.requireNonNull(reason);
  }

  public RenewalRefusal reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
