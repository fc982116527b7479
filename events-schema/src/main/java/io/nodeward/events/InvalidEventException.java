package io.nodeward.events;

/**
 * A record that is not a valid nodeward CloudEvent, or one this consumer must not trust. The message says what is
 * wrong, never echoes the payload; {@link #reason()} says which kind of refusal it is.
 */
public class InvalidEventException extends Exception {

  private final RejectionReason reason;

  public InvalidEventException(String message) {
    this(RejectionReason.INVALID, message);
  }

  public InvalidEventException(String message, Throwable cause) {
    super(message, cause);
    this.reason = RejectionReason.INVALID;
  }

  public InvalidEventException(RejectionReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public RejectionReason reason() {
    return reason;
  }
}
