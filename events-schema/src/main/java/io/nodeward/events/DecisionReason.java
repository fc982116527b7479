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
  INVALID_TARGET,
  /** Handshake: the client certificate does not chain to a trusted CA. */
  UNTRUSTED_CA,
  /** Handshake: the client certificate carries no identity the gateway could accept. */
  NO_IDENTITY,
  /** Handshake: the client presented no certificate. */
  NO_CERTIFICATE,
  /** Over this identity's (or address's) request limit. */
  RATE_LIMITED,
  /** The decision could not be made durable (e.g. the decision log's disk is full): refused, failing closed. */
  DECISION_LOG_UNAVAILABLE;

  public Effect effect() {
    return this == ALLOWED ? Effect.ALLOW : Effect.DENY;
  }
}
