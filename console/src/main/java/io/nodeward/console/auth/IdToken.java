package io.nodeward.console.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The claims of the ID token the token endpoint handed the console, and the OIDC Core §3.1.3.7 checks on them.
 * The token came straight from the token endpoint over the console's own connection, so (§3.1.3.7 rule 6) the
 * connection stands in for the signature; what remains is issuer, audience, lifetime and — the reason to look at
 * the ID token at all — the {@code nonce}, which ties the answer to the sign-in this browser session started.
 * The access token, which the APIs get, is verified in full against the pool's keys separately.
 */
public record IdToken(String issuer, List<String> audience, String authorizedParty, String subject, String tokenUse,
    long expiresAt, long issuedAt, String nonce, String email, String username) {

  /** Why a sign-in answer was refused; the code appears on the page, never token content. */
  public static final class Refused extends RuntimeException {
    private final String code;

    Refused(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Decodes the payload (no signature check: see the class comment). */
  public static IdToken parse(String compact) {
    String[] parts = compact == null ? new String[0] : compact.split("\\.");
    if (parts.length != 3) {
      throw new Refused("ID_TOKEN_MALFORMED", "The identity provider's ID token is not a JWT.");
    }
    JsonObject claims;
    try {
      claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new Refused("ID_TOKEN_MALFORMED", "The identity provider's ID token could not be read.");
    }
    return new IdToken(string(claims, "iss"), audience(claims.getValue("aud")), string(claims, "azp"),
        string(claims, "sub"), string(claims, "token_use"), number(claims, "exp"), number(claims, "iat"),
        string(claims, "nonce"), string(claims, "email"), string(claims, "cognito:username"));
  }

  /** Throws {@link Refused} unless this token answers the sign-in that sent {@code expectedNonce}. */
  public IdToken check(String expectedIssuer, String clientId, String expectedNonce, Instant now, Duration skew) {
    if (!expectedIssuer.equals(issuer)) {
      throw new Refused("ID_TOKEN_ISSUER", "The ID token comes from another issuer.");
    }
    if (!audience.contains(clientId) || audience.size() > 1 && !clientId.equals(authorizedParty)) {
      throw new Refused("ID_TOKEN_AUDIENCE", "The ID token was issued to another client.");
    }
    if (tokenUse != null && !"id".equals(tokenUse)) {
      throw new Refused("ID_TOKEN_USE", "The identity provider answered with a token that is not an ID token.");
    }
    if (expiresAt <= 0 || now.minus(skew).getEpochSecond() >= expiresAt) {
      throw new Refused("ID_TOKEN_EXPIRED", "The ID token has expired.");
    }
    if (issuedAt > now.plus(skew).getEpochSecond()) {
      throw new Refused("ID_TOKEN_NOT_YET_VALID", "The ID token was issued in the future.");
    }
    if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
      // A replayed or injected authorization response carries someone else's nonce (or none).
      throw new Refused("NONCE_MISMATCH", "The sign-in answer does not belong to the sign-in this browser started.");
    }
    if (subject == null || subject.isBlank()) {
      throw new Refused("ID_TOKEN_SUBJECT", "The ID token names no user.");
    }
    return this;
  }

  private static String string(JsonObject claims, String name) {
    return claims.getValue(name) instanceof String s ? s : null;
  }

  private static long number(JsonObject claims, String name) {
    return claims.getValue(name) instanceof Number n ? n.longValue() : 0L;
  }

  private static List<String> audience(Object value) {
    List<String> audiences = new ArrayList<>();
    if (value instanceof String s) {
      audiences.add(s);
    } else if (value instanceof JsonArray array) {
      array.forEach(a -> {
        if (a instanceof String s) {
          audiences.add(s);
        }
      });
    }
    return List.copyOf(audiences);
  }

  @Override
  public String toString() {
    return "IdToken[sub=" + subject + "]";
  }
}
