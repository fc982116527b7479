package io.nodeward.console.auth;

/**
 * What the hosted UI's token endpoint answered. Never printed.
 *
 * @param refreshToken null after a refresh: Cognito does not rotate refresh tokens
 */
public record TokenSet(String accessToken, String idToken, String refreshToken, long expiresInSeconds) {

  @Override
  public String toString() {
    return "TokenSet[expiresIn=" + expiresInSeconds + "s]";
  }
}
