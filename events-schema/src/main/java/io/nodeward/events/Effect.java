package io.nodeward.events;

/** The outcome of an access decision, as in an IAM policy statement. */
public enum Effect {
  ALLOW,
  DENY
}
