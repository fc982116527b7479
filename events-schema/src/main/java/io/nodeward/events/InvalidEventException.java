package io.nodeward.events;

/** A record that is not a valid nodeward CloudEvent. The message says what is wrong, never echoes the payload. */
public class InvalidEventException extends Exception {

  public InvalidEventException(String message) {
    super(message);
  }

  public InvalidEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
