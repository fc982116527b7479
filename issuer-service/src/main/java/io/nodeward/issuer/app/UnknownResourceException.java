package io.nodeward.issuer.app;

/**
 * The thing asked for does not exist, or the caller may not see it: both answer the same so that ids of other
 * users' nodes and certificates cannot be probed.
 */
public final class UnknownResourceException extends RuntimeException {

  public enum Kind { NODE, CERTIFICATE }

  private final Kind kind;

  public UnknownResourceException(Kind kind) {
    super("unknown " + kind.name().toLowerCase(), null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
