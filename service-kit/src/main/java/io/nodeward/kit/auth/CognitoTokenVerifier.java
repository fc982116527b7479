package io.nodeward.kit.auth;

import io.nodeward.kit.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Verifies Cognito user-pool JWTs for every nodeward service: RS256 signature against the pool's JWKS
 * (refetched when the pool rotates keys), exact issuer, lifetime with clock skew, {@code token_use} (access tokens
 * only: an ID token is refused as {@code TOKEN_USE_INVALID}) and app client. Every refusal is a failed Future carrying a 401 {@link ProblemException} with a
 * {@link TokenRefusal} code; an unreachable JWKS is a 503 (fail closed).
 *
 * <p>Cheap enough for the event loop: one RSA public-key operation per token, no blocking I/O.
 */
public final class CognitoTokenVerifier {

  private final CognitoConfig config;
  private final Clock clock;
  private final JwksCache jwks;

  private CognitoTokenVerifier(Vertx vertx, CognitoConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.jwks = new JwksCache(vertx, config, clock);
  }

  public static CognitoTokenVerifier create(Vertx vertx, CognitoConfig config) {
    return new CognitoTokenVerifier(vertx, config, Clock.systemUTC());
  }

  /** With a given clock: for tests of expiry and of the JWKS refresh rate limit. */
  public static CognitoTokenVerifier create(Vertx vertx, CognitoConfig config, Clock clock) {
    return new CognitoTokenVerifier(vertx, config, clock);
  }

  public CognitoConfig config() {
    return config;
  }

  /** Fetches the signing keys now, so that a service with a wrong JWKS URI fails at start, not at first request. */
  public Future<Void> fetchKeys() {
    return jwks.refresh().mapEmpty();
  }

  /** @param bearerToken the compact JWT, without the {@code Bearer } prefix */
  public Future<Principal> verify(String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank()) {
      return Future.failedFuture(TokenRefusal.TOKEN_MISSING.exception());
    }
    SignedJwt jwt;
    try {
      jwt = checkedBeforeSignature(bearerToken.strip());
    } catch (ProblemException refusal) {
      return Future.failedFuture(refusal);
    }
    return jwks.key(jwt.keyId()).map(key -> {
      if (!jwt.verifiesWith(key)) {
        throw TokenRefusal.TOKEN_SIGNATURE_INVALID.exception();
      }
      return CognitoClaims.toPrincipal(jwt.claims(), config, clock.instant());
    });
  }

  /**
   * Structure, algorithm, key id and issuer. The algorithm is pinned rather than read from the token: a
   * token saying {@code none}, or {@code HS256} "signed" with the public key as HMAC secret, is refused here
   * and never reaches a verifier that could be talked into accepting it.
   */
  private SignedJwt checkedBeforeSignature(String token) {
    SignedJwt jwt = SignedJwt.parse(token);
    if (!SignedJwt.RS256.equals(jwt.algorithm())) {
      throw TokenRefusal.TOKEN_ALGORITHM_INVALID.exception();
    }
    if (jwt.declaresCriticalExtensions()) {
      throw TokenRefusal.TOKEN_MALFORMED.exception("The token declares critical header extensions this service does not implement.");
    }
    // Only the pool's JWKS is trusted: jku, x5u, jwk or x5c in the header are ignored, never fetched or used.
    if (jwt.keyId() == null || jwt.keyId().isBlank()) {
      throw TokenRefusal.TOKEN_SIGNATURE_INVALID.exception("The token does not name its signing key (kid).");
    }
    CognitoClaims.checkIssuer(jwt.claims(), config);
    return jwt;
  }

  public Future<Void> close() {
    return jwks.close();
  }
}
