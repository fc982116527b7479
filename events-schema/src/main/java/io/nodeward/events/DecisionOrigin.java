package io.nodeward.events;

/** Where an access decision was made. */
public enum DecisionOrigin {
  /** A request through the mTLS gateway. */
  GATEWAY,
  /** A TLS handshake the gateway refused (no request was read). */
  HANDSHAKE,
  /** {@code POST /authorize}, for an authenticated caller such as the API Gateway Lambda authorizer. */
  AUTHORIZE_API
}
