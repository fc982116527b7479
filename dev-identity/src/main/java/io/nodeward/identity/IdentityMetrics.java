package io.nodeward.identity;

import io.micrometer.core.instrument.Counter;
import io.nodeward.kit.metrics.ServiceMetrics;

/**
 * The dev identity provider's Prometheus metrics ({@code nodeward_identity_*}): sign-ins by outcome, tokens minted,
 * JWKS fetches. A verifier hammering the JWKS, or a client retrying bad passwords, shows here first.
 */
final class IdentityMetrics {

  static final String SERVICE = "identity";

  enum Outcome { SUCCESS, BAD_CREDENTIALS, UNKNOWN_CLIENT, INVALID_REFRESH_TOKEN }

  private final ServiceMetrics metrics;
  private final java.util.Map<Outcome, Counter> signIns = new java.util.EnumMap<>(Outcome.class);
  private final Counter tokensMinted;
  private final Counter jwksRequests;

  IdentityMetrics(ServiceMetrics metrics) {
    this.metrics = metrics;
    for (Outcome outcome : Outcome.values()) {
      signIns.put(outcome, metrics.counter("sign_ins", "Sign-in and refresh attempts by outcome",
          "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }
    tokensMinted = metrics.counter("tokens_minted", "Access/ID token pairs minted (sign-ins and refreshes)");
    jwksRequests = metrics.counter("jwks_requests", "Times the pool's JWKS was served");
  }

  ServiceMetrics metrics() {
    return metrics;
  }

  void signIn(Outcome outcome) {
    signIns.get(outcome).increment();
  }

  /** The outcome a failed sign-in or refresh stands for. */
  void signInFailed(Throwable failure) {
    if (failure instanceof CognitoError error) {
      signIn(switch (error.type()) {
        case "ResourceNotFoundException" -> Outcome.UNKNOWN_CLIENT;
        case "NotAuthorizedException" -> error.getMessage() != null && error.getMessage().contains("Refresh")
            ? Outcome.INVALID_REFRESH_TOKEN : Outcome.BAD_CREDENTIALS;
        default -> Outcome.BAD_CREDENTIALS;
      });
    }
  }

  void tokensMinted() {
    tokensMinted.increment();
  }

  void jwksServed() {
    jwksRequests.increment();
  }

  double jwksRequests() {
    return jwksRequests.count();
  }
}
