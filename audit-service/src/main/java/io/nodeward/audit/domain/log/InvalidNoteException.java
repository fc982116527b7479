package io.nodeward.audit.domain.log;

/** A signed note that is malformed or not signed by the key it was checked against; the message says which. */
public final class InvalidNoteException extends RuntimeException {

  public InvalidNoteException(String message) {
    super(message, null, false, false);
  }
}
