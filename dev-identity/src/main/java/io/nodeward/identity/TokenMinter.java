package io.nodeward.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds access and ID token claims the way Cognito does (same names, same split between the two kinds)
 * and signs them with the pool's current key. Signing is an RSA private-key operation: call from a worker.
 */
final class TokenMinter {

  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
  /** What Cognito puts in access tokens from InitiateAuth. */
  static final String SDK_SCOPE = "aws.cognito.signin.user.admin";

  /**
   * The facts of one sign-in session that every token of the session repeats.
   *
   * @param nonce the OIDC nonce of a hosted-UI sign-in, echoed in its first ID token; null otherwise
   */
  record Session(DevUser user, String clientId, String scope, Instant authTime, String originJti, String nonce) {
  }

  private final SigningKeys keys;
  private final Supplier<String> issuer;

  TokenMinter(SigningKeys keys, Supplier<String> issuer) {
    this.keys = keys;
    this.issuer = issuer;
  }

  String issuer() {
    return issuer.get();
  }

  Tokens mint(Session session, String refreshToken, Instant now) {
    String access = sign(accessClaims(session, now, TOKEN_LIFETIME));
    String id = sign(idClaims(session, now, TOKEN_LIFETIME));
    return new Tokens(access, id, refreshToken, (int) TOKEN_LIFETIME.toSeconds());
  }

  JsonObject accessClaims(Session session, Instant issuedAt, Duration lifetime) {
    return common(session, issuedAt, lifetime)
        .put("token_use", "access")
        .put("client_id", session.clientId())
        .put("scope", session.scope())
        .put("username", session.user().username());
  }

  JsonObject idClaims(Session session, Instant issuedAt, Duration lifetime) {
    JsonObject claims = common(session, issuedAt, lifetime);
    if (session.nonce() != null) {
      claims.put("nonce", session.nonce()); // OIDC Core §3.1.3.7: lets the browser client reject a replayed ID token
    }
    return claims
        .put("token_use", "id")
        .put("aud", session.clientId())
        .put("cognito:username", session.user().username())
        .put("email", session.user().email())
        .put("email_verified", true);
  }

  String sign(JsonObject claims) {
    SigningKeys.SigningKey key = keys.current();
    return SigningKeys.sign(key, key.kid(), claims);
  }

  private JsonObject common(Session session, Instant issuedAt, Duration lifetime) {
    JsonObject claims = new JsonObject().put("sub", session.user().sub());
    if (!session.user().groups().isEmpty()) {
      claims.put("cognito:groups", new JsonArray(session.user().groups()));
    }
    return claims
        .put("iss", issuer.get())
        .put("origin_jti", session.originJti())
        .put("event_id", UUID.randomUUID().toString())
        .put("auth_time", session.authTime().getEpochSecond())
        .put("iat", issuedAt.getEpochSecond())
        .put("exp", issuedAt.plus(lifetime).getEpochSecond())
        .put("jti", UUID.randomUUID().toString());
  }
}
