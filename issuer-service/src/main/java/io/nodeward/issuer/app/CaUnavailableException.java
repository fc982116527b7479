package io.nodeward.issuer.app;

/** The CA back end did not sign or revoke (ACM PCA unreachable, throttled past the SDK's retries, ...). */
public final class CaUnavailableException extends RuntimeException {

  public CaUnavailableException(String operation, Throwable cause) {
    super("the CA could not " + operation, cause);
  }
}
