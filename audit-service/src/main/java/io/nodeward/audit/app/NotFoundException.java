package io.nodeward.audit.app;

/** What was asked for does not exist, or the caller may not know that it does: a 404 with a stable code. */
public final class NotFoundException extends RuntimeException {

  private final String code;

  public NotFoundException(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
