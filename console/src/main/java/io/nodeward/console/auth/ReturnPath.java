package io.nodeward.console.auth;

/**
 * Where to go after sign-in: only a path on this console. Anything else ({@code https://evil}, {@code //evil},
 * {@code /\evil}, control characters) becomes {@code /}, so the sign-in flow cannot be used as an open redirector.
 */
public final class ReturnPath {

  public static final String HOME = "/";
  private static final int MAX_LENGTH = 2048;

  private ReturnPath() {
  }

  public static String sanitize(String requested) {
    if (requested == null || requested.isEmpty() || requested.length() > MAX_LENGTH || requested.charAt(0) != '/') {
      return HOME;
    }
    if (requested.length() > 1 && (requested.charAt(1) == '/' || requested.charAt(1) == '\\')) {
      return HOME;
    }
    for (int i = 0; i < requested.length(); i++) {
      char c = requested.charAt(i);
      if (c < 0x21 || c == 0x7f || c == '\\') {
        return HOME;
      }
    }
    return requested;
  }
}
