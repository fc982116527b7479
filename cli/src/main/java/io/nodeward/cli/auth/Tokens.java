package io.nodeward.cli.auth;

import java.time.Instant;

/**
 * A signed-in session as kept on disk: which identity provider and app client it belongs to, who signed in, the
 * tokens and when the access token expires. {@link #toString()} never shows a token.
 */
public record Tokens(String idpUrl, String clientId, String username, String accessToken, String idToken,
    String refreshToken, Instant accessTokenExpiresAt) {

  public Tokens withAccess(String newAccessToken, String newIdToken, Instant expiresAt) {
    return new Tokens(idpUrl, clientId, username, newAccessToken, newIdToken == null ? idToken : newIdToken,
        refreshToken, expiresAt);
  }

  @Override
  public String toString() {
    return "Tokens[" + username + "@" + idpUrl + " client " + clientId + ", access until " + accessTokenExpiresAt + "]";
  }
}
