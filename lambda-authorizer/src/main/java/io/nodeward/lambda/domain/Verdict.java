package io.nodeward.lambda.domain;

import java.util.Map;

/**
 * The policy the Lambda returns: the authorizer's, once checked ({@code failure} null), or a Deny of its own
 * ({@code failure} says why).
 */
public record Verdict(boolean allow, String principalId, String resourceArn, Map<String, String> context,
    FailureReason failure) {

  /** API Gateway needs a principal even on a Deny; this one names no user. */
  public static final String NO_PRINCIPAL = "anonymous";
  /** A Deny for an event without a usable ARN covers every method of every API. */
  public static final String ANY_RESOURCE = "*";

  public Verdict {
    context = Map.copyOf(context);
  }

  public static Verdict failClosed(String resourceArn, FailureReason reason) {
    return new Verdict(false, NO_PRINCIPAL, resourceArn == null ? ANY_RESOURCE : resourceArn,
        Map.of("reason", reason.name()), reason);
  }

  public boolean failedClosed() {
    return failure != null;
  }

  public String reason() {
    return context.getOrDefault("reason", "");
  }
}
