package io.nodeward.issuer.app;

/** Kafka did not acknowledge an event in time, so the action it records did not take effect. */
public final class EventNotAcknowledgedException extends RuntimeException {

  public EventNotAcknowledgedException(String what, Throwable cause) {
    super(what + " was not acknowledged by Kafka", cause);
  }
}
