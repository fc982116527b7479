package io.nodeward.kit.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The RSA signing keys a user pool publishes (RFC 7517), by key id. Keys meant for anything but RS256
 * signatures are dropped on parsing so they can never verify a token.
 */
final class JsonWebKeySet {

  static final JsonWebKeySet EMPTY = new JsonWebKeySet(Map.of());

  private final Map<String, RSAPublicKey> keys;

  private JsonWebKeySet(Map<String, RSAPublicKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  /** @throws IllegalArgumentException if the document is not a JWKS at all */
  static JsonWebKeySet parse(JsonObject jwks) {
    if (!(jwks.getValue("keys") instanceof JsonArray list)) {
      throw new IllegalArgumentException("a JWKS has a \"keys\" array");
    }
    Map<String, RSAPublicKey> keys = new HashMap<>();
    for (Object entry : list) {
      if (entry instanceof JsonObject jwk && usableForRs256(jwk)) {
        toRsaKey(jwk).ifPresent(key -> keys.put(jwk.getString("kid"), key));
      }
    }
    return new JsonWebKeySet(keys);
  }

  Optional<RSAPublicKey> key(String kid) {
    return Optional.ofNullable(keys.get(kid));
  }

  int size() {
    return keys.size();
  }

  private static boolean usableForRs256(JsonObject jwk) {
    return "RSA".equals(jwk.getValue("kty"))
        && jwk.getValue("kid") instanceof String
        && (jwk.getValue("use") == null || "sig".equals(jwk.getValue("use")))
        && (jwk.getValue("alg") == null || SignedJwt.RS256.equals(jwk.getValue("alg")));
  }

  private static Optional<RSAPublicKey> toRsaKey(JsonObject jwk) {
    try {
      BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
      BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
      if (modulus.bitLength() < 2048) {
        return Optional.empty(); // RFC 7518 §3.3: RS256 keys are 2048 bits or more
      }
      return Optional.of((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException | ClassCastException e) {
      return Optional.empty();
    }
  }
}
