package io.nodeward.authorizer.domain;

/**
 * What the decision event records about the request itself. {@code path} must already be without its query
 * string (queries may carry secrets); values are clipped to what the event schema admits.
 */
public record RequestFacts(String method, String path, String clientAddress, String tlsVersion) {

  private static final int MAX_PATH = 2048;
  private static final int MAX_ADDRESS = 64;
  private static final int MAX_TLS_VERSION = 16;

  public RequestFacts {
    method = method != null && method.matches("[A-Z]{1,16}") ? method : "OTHER";
    path = path == null ? "" : clip(path, MAX_PATH);
    clientAddress = clientAddress == null ? null : clip(clientAddress, MAX_ADDRESS);
    tlsVersion = tlsVersion == null ? null : clip(tlsVersion, MAX_TLS_VERSION);
  }

  private static String clip(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
