package io.nodeward.events;

/** Why the authorizer allowed or denied a request. ALLOWED is the only reason that goes with {@link Effect#ALLOW}. */
public enum DecisionReason {
  ALLOWED,
  UNKNOWN_CERTIFICATE,
  REVOKED,
  EXPIRED,
  NOT_YET_VALID,
  NODE_MISMATCH,
  NODE_NOT_PROVISIONED,
  NOT_OWNER,
  ALLOWLIST_STALE,
  INVALID_IDENTITY,
  INVALID_TARGET;

  public Effect effect() {
    return this == ALLOWED ? Effect.ALLOW : Effect.DENY;
  }
}
