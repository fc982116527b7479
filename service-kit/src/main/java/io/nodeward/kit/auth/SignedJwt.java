package io.nodeward.kit.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A compact JWS (RFC 7515 §7.1) split into its parts. Parsing proves nothing about who made it; only
 * {@link #verifiesWith(PublicKey)} does.
 */
final class SignedJwt {

  /** Cognito tokens are 1–2 KiB; anything far larger is not one and is not worth decoding. */
  static final int MAX_LENGTH = 16 * 1024;
  static final String RS256 = "RS256";

  private final JsonObject header;
  private final JsonObject claims;
  private final byte[] signingInput;
  private final byte[] signature;

  private SignedJwt(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature) {
    this.header = header;
    this.claims = claims;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /** @throws io.nodeward.kit.http.ProblemException TOKEN_MALFORMED unless three base64url parts, two JSON objects */
  static SignedJwt parse(String compact) {
    if (compact.length() > MAX_LENGTH) {
      throw TokenRefusal.TOKEN_MALFORMED.exception("The bearer token is too long to be a Cognito JWT.");
    }
    int first = compact.indexOf('.');
    int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || compact.indexOf('.', second + 1) >= 0) {
      // Cognito refresh tokens are five-part JWEs: they land here too and must never authenticate.
      throw TokenRefusal.TOKEN_MALFORMED.exception("The bearer token is not a JWT with three parts.");
    }
    try {
      JsonObject header = json(compact.substring(0, first));
      JsonObject claims = json(compact.substring(first + 1, second));
      byte[] signature = Base64.getUrlDecoder().decode(compact.substring(second + 1));
      byte[] input = compact.substring(0, second).getBytes(StandardCharsets.US_ASCII);
      return new SignedJwt(header, claims, input, signature);
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw TokenRefusal.TOKEN_MALFORMED.exception();
    }
  }

  private static JsonObject json(String part) {
    String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    return new JsonObject(text);
  }

  /** The declared algorithm, or null. Never used to choose how to verify: we only ever verify RS256. */
  String algorithm() {
    return header.getValue("alg") instanceof String alg ? alg : null;
  }

  /** RFC 7515 §4.1.11: a token that marks header extensions critical must be refused by whoever does not implement them. */
  boolean declaresCriticalExtensions() {
    return header.containsKey("crit");
  }

  String keyId() {
    return header.getValue("kid") instanceof String kid ? kid : null;
  }

  JsonObject claims() {
    return claims;
  }

  boolean verifiesWith(PublicKey key) {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
