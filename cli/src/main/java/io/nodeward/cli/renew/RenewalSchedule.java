package io.nodeward.cli.renew;

import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is renewed: at two thirds of its lifetime (as step-ca's default), which leaves a third of the
 * lifetime for retries if the issuer is down at that moment.
 */
public final class RenewalSchedule {

  private RenewalSchedule() {
  }

  public static Instant dueAt(Instant notBefore, Instant notAfter) {
    Duration lifetime = Duration.between(notBefore, notAfter);
    return notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
  }
}
