package io.nodeward.audit.store;

/** The database failed; the message says which operation, never which values. */
public final class StoreException extends RuntimeException {

  public StoreException(String operation, Throwable cause) {
    super(operation + " failed: " + cause.getMessage(), cause);
  }
}
