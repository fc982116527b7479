package io.nodeward.kit.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The claim rules for a Cognito token whose signature has been checked: lifetime, kind, app client,
 * subject. Pure, with the time passed in, so every rule is tested without a network.
 */
final class CognitoClaims {

  private CognitoClaims() {
  }

  /** Checked before the signature so that tokens from another pool never trigger a JWKS fetch. */
  static void checkIssuer(JsonObject claims, CognitoConfig config) {
    if (!config.issuer().equals(claims.getValue("iss"))) {
      throw TokenRefusal.TOKEN_ISSUER_INVALID.exception();
    }
  }

  static Principal toPrincipal(JsonObject claims, CognitoConfig config, Instant now) {
    checkLifetime(claims, config, now);
    TokenUse use = TokenUse.fromClaim(claims.getValue("token_use"))
        .orElseThrow(TokenRefusal.TOKEN_USE_INVALID::exception);
    if (use != TokenUse.ACCESS) {
      // An ID token says who signed in, for the client that asked; it is not meant to authorize API calls
      // (Cognito's guidance, OpenID Connect Core §2), and its "aud" is all that ties it to an app client.
      throw TokenRefusal.TOKEN_USE_INVALID.exception("ID tokens are not API credentials: send the access token.");
    }
    String clientId = clientId(claims)
        .filter(config.allowedClientIds()::contains)
        .orElseThrow(TokenRefusal.TOKEN_AUDIENCE_INVALID::exception);
    String subject = nonBlankString(claims, "sub").orElseThrow(TokenRefusal.TOKEN_SUBJECT_MISSING::exception);
    String username = nonBlankString(claims, "username").orElse(subject);
    Set<String> groups = groups(claims);
    return new Principal(subject, username, groups, Role.fromGroups(groups), use, clientId);
  }

  private static void checkLifetime(JsonObject claims, CognitoConfig config, Instant now) {
    long skew = config.clockSkew().toSeconds();
    Long exp = numericDate(claims, "exp");
    if (exp == null) {
      throw TokenRefusal.TOKEN_EXPIRED.exception("The token has no expiry time.");
    }
    if (now.getEpochSecond() - skew >= exp) {
      throw TokenRefusal.TOKEN_EXPIRED.exception();
    }
    Long nbf = numericDate(claims, "nbf");
    Long iat = numericDate(claims, "iat");
    if (nbf != null && now.getEpochSecond() + skew < nbf || iat != null && now.getEpochSecond() + skew < iat) {
      throw TokenRefusal.TOKEN_NOT_YET_VALID.exception();
    }
  }

  /** Access tokens name their client in {@code client_id} and carry no {@code aud}. */
  private static Optional<String> clientId(JsonObject claims) {
    return claims.getValue("client_id") instanceof String s ? Optional.of(s) : Optional.empty();
  }

  private static Set<String> groups(JsonObject claims) {
    Set<String> groups = new LinkedHashSet<>();
    if (claims.getValue("cognito:groups") instanceof JsonArray list) {
      for (Object group : list) {
        if (group instanceof String name) {
          groups.add(name);
        }
      }
    }
    return groups;
  }

  private static Long numericDate(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    throw TokenRefusal.TOKEN_MALFORMED.exception("The token's \"" + name + "\" claim is not a number.");
  }

  private static Optional<String> nonBlankString(JsonObject claims, String name) {
    return claims.getValue(name) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }
}
