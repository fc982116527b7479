package io.nodeward.lambda.domain;

/**
 * Why the Lambda denied on its own instead of passing on the authorizer's decision (fail closed). The name goes
 * into the policy's {@code context.reason}, beside the authorizer's own reasons (ALLOWED, REVOKED, ...).
 */
public enum FailureReason {
  /** The event has no execute-api ARN, or is not JSON: nothing API Gateway sends. */
  MALFORMED_EVENT,
  /** No connection or TLS session to the authorizer (down, refused, untrusted, our identity refused). */
  AUTHORIZER_UNREACHABLE,
  /** No complete answer within NODEWARD_LAMBDA_TIMEOUT. */
  AUTHORIZER_TIMEOUT,
  /** An answer other than 200 (403 caller not allowed, 429 rate limited, 4xx/5xx problems). */
  AUTHORIZER_REFUSED,
  /** A 200 whose body is not exactly one execute-api:Invoke statement for this event's ARN. */
  MALFORMED_ANSWER,
  /** Anything else that went wrong inside the Lambda. */
  LAMBDA_ERROR
}
