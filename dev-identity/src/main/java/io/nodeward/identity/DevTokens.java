package io.nodeward.identity;

import io.nodeward.kit.auth.TokenUse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * DEV ONLY: tokens for tests and the developer stack, without a browser or the AWS SDK.
 * {@link #signIn} goes through exactly the code path of {@code InitiateAuth USER_PASSWORD_AUTH}; the
 * other methods forge tokens with chosen claims, lifetime or key id for negative tests. Never wire this
 * into a production service.
 */
public final class DevTokens {

  private final Vertx vertx;
  private final SignIn signIn;
  private final TokenMinter minter;
  private final UserDirectory users;
  private final SigningKeys keys;

  DevTokens(Vertx vertx, SignIn signIn, TokenMinter minter, UserDirectory users, SigningKeys keys) {
    this.vertx = vertx;
    this.signIn = signIn;
    this.minter = minter;
    this.users = users;
    this.keys = keys;
  }

  /** Signs in like {@code InitiateAuth USER_PASSWORD_AUTH}; fails with the same refusals. */
  public Future<Tokens> signIn(String username, String password, String clientId) {
    return signIn.withPassword(username, password, clientId, TokenMinter.SDK_SCOPE);
  }

  /** The claims sign-in would put in a token of this user, issued at {@code issuedAt}, living {@code lifetime}. */
  public JsonObject claims(TokenUse use, String username, String clientId, Instant issuedAt, Duration lifetime) {
    DevUser user = users.find(username).orElseThrow(() -> new IllegalArgumentException("no dev user " + username));
    TokenMinter.Session session = new TokenMinter.Session(user, clientId, TokenMinter.SDK_SCOPE, issuedAt, UUID.randomUUID().toString(), null);
    return use == TokenUse.ACCESS
        ? minter.accessClaims(session, issuedAt, lifetime)
        : minter.idClaims(session, issuedAt, lifetime);
  }

  /** An access token of this user with the given issue time and lifetime (e.g. already expired). */
  public Future<String> accessToken(String username, String clientId, Instant issuedAt, Duration lifetime) {
    return sign(claims(TokenUse.ACCESS, username, clientId, issuedAt, lifetime));
  }

  /** Any claims, signed RS256 by the current key. */
  public Future<String> sign(JsonObject claims) {
    return sign(claims, currentKeyId());
  }

  /** Any claims signed by the current key, but naming {@code kid} in the header (e.g. a key id nobody publishes). */
  public Future<String> sign(JsonObject claims, String kid) {
    SigningKeys.SigningKey key = keys.current();
    return vertx.executeBlocking(() -> SigningKeys.sign(key, kid, claims), false);
  }

  public String currentKeyId() {
    return keys.current().kid();
  }

  /** The current public key, X.509 PEM: what an attacker also knows (for algorithm-confusion tests). */
  public String currentPublicKeyPem() {
    return keys.currentPublicKeyPem();
  }

  /** Adds or replaces a user (password stored hashed) and persists it. */
  public Future<Void> addUser(String username, String password, String email, List<String> groups) {
    return vertx.executeBlocking(() -> users.add(username, password, email, groups), false).mapEmpty();
  }
}
