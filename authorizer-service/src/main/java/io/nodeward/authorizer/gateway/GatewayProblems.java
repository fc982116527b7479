package io.nodeward.authorizer.gateway;

import io.nodeward.events.DecisionReason;

/** The one place a refusal reason becomes words for the caller (never internals). */
public final class GatewayProblems {

  private GatewayProblems() {
  }

  public static String detail(DecisionReason reason) {
    return switch (reason) {
      case ALLOWED -> "Allowed.";
      case UNKNOWN_CERTIFICATE -> "This certificate is not known to the authorizer.";
      case REVOKED -> "This certificate has been revoked.";
      case EXPIRED -> "This certificate has expired.";
      case NOT_YET_VALID -> "This certificate is not valid yet.";
      case NODE_MISMATCH -> "This certificate was issued for another node.";
      case NODE_NOT_PROVISIONED -> "The node is not provisioned.";
      case NOT_OWNER -> "The certificate's user does not own the node.";
      case ALLOWLIST_STALE -> "The authorizer cannot confirm its allow-list is current; try again shortly.";
      case INVALID_IDENTITY -> "The certificate carries no valid nodeward identity or lacks the clientAuth usage.";
      case INVALID_TARGET -> "The path must be /nodes/{nodeId}/... without dot segments or encoded separators.";
      case UNTRUSTED_CA -> "The client certificate is not issued by a CA this gateway trusts.";
      case NO_IDENTITY -> "The client certificate carries no identity this gateway accepts.";
      case NO_CERTIFICATE -> "A client certificate is required.";
      case RATE_LIMITED -> "Too many requests with this certificate; retry after the time given.";
      case DECISION_LOG_UNAVAILABLE -> "The gateway cannot record decisions right now, so it refuses every request; "
          + "try again shortly.";
    };
  }
}
