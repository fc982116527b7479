package io.nodeward.identity;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What an attacker can build without the pool's private key. */
final class Forge {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private Forge() {
  }

  static JsonObject header(String jwt) {
    return part(jwt, 0);
  }

  static JsonObject payload(String jwt) {
    return part(jwt, 1);
  }

  private static JsonObject part(String jwt, int index) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
  }

  static String encode(JsonObject json) {
    return B64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 7519 §6.1 unsecured JWT: {@code alg: none}, empty signature. */
  static String unsecured(String genuine) {
    JsonObject header = header(genuine).put("alg", "none");
    return encode(header) + "." + genuine.split("\\.")[1] + ".";
  }

  /** The algorithm-confusion attack: HS256 with the (public) RSA key as the HMAC secret. */
  static String hs256WithPublicKey(String genuine, String publicKeyPem) throws Exception {
    String input = encode(header(genuine).put("alg", "HS256")) + "." + genuine.split("\\.")[1];
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(publicKeyPem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    return input + "." + B64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The genuine header and signature around a changed payload. */
  static String withPayload(String genuine, JsonObject payload) {
    String[] parts = genuine.split("\\.");
    return parts[0] + "." + encode(payload) + "." + parts[2];
  }
}
