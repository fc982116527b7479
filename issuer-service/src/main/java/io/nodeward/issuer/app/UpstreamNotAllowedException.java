package io.nodeward.issuer.app;

/** A node's upstream URL points somewhere no node may (a metadata service, a link-local address). */
public final class UpstreamNotAllowedException extends RuntimeException {

  public UpstreamNotAllowedException(String detail) {
    super(detail, null, false, false);
  }
}
