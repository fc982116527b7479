package io.nodeward.identity;

/**
 * What a successful sign-in returns, as Cognito's {@code AuthenticationResult}.
 *
 * @param refreshToken null after a refresh: Cognito does not rotate refresh tokens
 */
public record Tokens(String accessToken, String idToken, String refreshToken, int expiresIn) {

  public static final String TOKEN_TYPE = "Bearer";

  @Override
  public String toString() {
    return "Tokens[expiresIn=" + expiresIn + "]"; // never print the tokens themselves
  }
}
