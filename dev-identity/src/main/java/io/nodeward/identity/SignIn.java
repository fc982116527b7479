package io.nodeward.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The one path from credentials to tokens, shared by InitiateAuth, the hosted UI and {@link DevTokens}:
 * password check, session, signed tokens, refresh token. PBKDF2 and RSA signing run on worker threads.
 */
final class SignIn {

  private final Vertx vertx;
  private final UserDirectory users;
  private final TokenMinter minter;
  private final RefreshTokens refreshTokens;
  private final Set<String> clientIds;
  private final Clock clock;
  private final IdentityMetrics metrics;

  SignIn(Vertx vertx, UserDirectory users, TokenMinter minter, RefreshTokens refreshTokens, List<String> clientIds, Clock clock,
      IdentityMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.users = users;
    this.minter = minter;
    this.refreshTokens = refreshTokens;
    this.clientIds = Set.copyOf(clientIds);
    this.clock = clock;
  }

  boolean isClient(String clientId) {
    return clientId != null && clientIds.contains(clientId);
  }

  /** USER_PASSWORD_AUTH: a new session with refresh token. */
  Future<Tokens> withPassword(String username, String password, String clientId, String scope) {
    if (!isClient(clientId)) {
      metrics.signIn(IdentityMetrics.Outcome.UNKNOWN_CLIENT);
      return Future.failedFuture(CognitoError.unknownClient(clientId));
    }
    return authenticate(username, password)
        .map(user -> new TokenMinter.Session(user, clientId, scope, clock.instant(), UUID.randomUUID().toString(), null))
        .compose(this::startSession);
  }

  /** The user if the password is right; {@link CognitoError#badCredentials()} otherwise, unknown user included. */
  Future<DevUser> authenticate(String username, String password) {
    return vertx.executeBlocking(() -> users.authenticate(username, password).orElseThrow(CognitoError::badCredentials), false)
        .onSuccess(user -> metrics.signIn(IdentityMetrics.Outcome.SUCCESS))
        .onFailure(metrics::signInFailed);
  }

  Future<Tokens> startSession(TokenMinter.Session session) {
    return vertx.executeBlocking(() -> minter.mint(session, refreshTokens.issue(session, clock.instant()), clock.instant()), false)
        .onSuccess(tokens -> metrics.tokensMinted());
  }

  /** REFRESH_TOKEN_AUTH: fresh access and ID tokens for the same session, no new refresh token (as Cognito). */
  Future<Tokens> refresh(String refreshToken, String clientId) {
    if (!isClient(clientId)) {
      metrics.signIn(IdentityMetrics.Outcome.UNKNOWN_CLIENT);
      return Future.failedFuture(CognitoError.unknownClient(clientId));
    }
    TokenMinter.Session session = refreshTokens.session(refreshToken, clientId, clock.instant()).orElse(null);
    // The user may have been changed (groups) since: tokens describe the user as they are now.
    DevUser current = session == null ? null : users.find(session.user().username()).orElse(null);
    if (current == null) {
      metrics.signIn(IdentityMetrics.Outcome.INVALID_REFRESH_TOKEN);
      return Future.failedFuture(new CognitoError("NotAuthorizedException", "Invalid Refresh Token"));
    }
    TokenMinter.Session now = new TokenMinter.Session(current, clientId, session.scope(), session.authTime(), session.originJti(), null);
    return vertx.executeBlocking(() -> minter.mint(now, null, clock.instant()), false)
        .onSuccess(tokens -> metrics.tokensMinted());
  }

  /** RevokeToken: the refresh token stops working; unknown tokens are not an error (RFC 7009 §2.2). */
  Future<Void> revoke(String refreshToken, String clientId) {
    if (!isClient(clientId)) {
      return Future.failedFuture(CognitoError.unknownClient(clientId));
    }
    refreshTokens.revoke(refreshToken, clientId);
    return Future.succeededFuture();
  }

  /** GetUser: the user an unexpired access token of this pool names. */
  Future<DevUser> userOf(String accessToken, SigningKeys keys) {
    return vertx.executeBlocking(() -> {
      JsonObject claims = keys.verifiedClaims(accessToken)
          .filter(c -> minter.issuer().equals(c.getValue("iss")) && "access".equals(c.getValue("token_use")))
          .orElseThrow(() -> new CognitoError("NotAuthorizedException", "Invalid Access Token"));
      if (claims.getLong("exp", 0L) <= clock.instant().getEpochSecond()) {
        throw new CognitoError("NotAuthorizedException", "Access Token has expired");
      }
      return users.find(claims.getString("username", ""))
          .orElseThrow(() -> new CognitoError("UserNotFoundException", "User does not exist."));
    }, false);
  }
}
