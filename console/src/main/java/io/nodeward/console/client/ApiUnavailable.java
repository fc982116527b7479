package io.nodeward.console.client;

/** An API could not be reached or did not answer in time: the page shows a banner, never a stack trace. */
public final class ApiUnavailable extends RuntimeException {

  private final String api;

  public ApiUnavailable(String api, String why) {
    super(api + " API unavailable: " + why, null, false, false);
    this.api = api;
  }

  /** "issuer" or "audit". */
  public String api() {
    return api;
  }
}
