package io.nodeward.issuer.domain;

import io.nodeward.events.IssuanceRefusal;
import java.util.Objects;

/**
 * A certificate request nodeward will not honour, with its stable reason. The detail is safe to show the
 * caller: it never repeats the caller's input verbatim.
 */
public final class IssuanceRefusedException extends RuntimeException {

  private final IssuanceRefusal reason;

  public IssuanceRefusedException(IssuanceRefusal reason, String detail) {
    super(detail, null, false, false);
    this.reason = Objects.requireNonNull(reason);
  }

  public IssuanceRefusal reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
