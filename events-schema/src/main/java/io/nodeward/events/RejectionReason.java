package io.nodeward.events;

/** Why a consumer did not apply a record; each is dead-lettered with it and can become an audit marker. */
public enum RejectionReason {
  /** Not JSON, empty, or too large. */
  MALFORMED,
  /** JSON, but not a valid nodeward CloudEvent (envelope or data fails its schema, unknown type). */
  INVALID,
  /** A valid event without a signature, where signatures are required. */
  UNSIGNED,
  /** Signed with a key this consumer does not know. */
  UNKNOWN_KEY,
  /** Signed with a known key, but the signature does not match the event (altered, or forged). */
  BAD_SIGNATURE,
  /** Signed by a known key of another producer role than the one that produces this event type. */
  WRONG_PRODUCER
}
