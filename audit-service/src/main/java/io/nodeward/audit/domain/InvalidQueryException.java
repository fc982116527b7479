package io.nodeward.audit.domain;

/** A query the audit trail refuses, with a stable code (it becomes the problem body's {@code code}). */
public final class InvalidQueryException extends RuntimeException {

  private final String code;

  public InvalidQueryException(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }
}
