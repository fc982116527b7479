package io.nodeward.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Only keys fit for RS256 signatures make it out of a JWKS document. */
class JsonWebKeySetTest {

  static RSAPublicKey rsa2048;
  static RSAPublicKey rsa1024;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rsa2048 = (RSAPublicKey) generator.generateKeyPair().getPublic();
    generator.initialize(1024);
    rsa1024 = (RSAPublicKey) generator.generateKeyPair().getPublic();
  }

  static String b64(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = bytes[0] == 0 ? 1 : 0;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
  }

  static JsonObject jwk(String kid, RSAPublicKey key) {
    return new JsonObject().put("kty", "RSA").put("kid", kid).put("alg", "RS256").put("use", "sig")
        .put("n", b64(key.getModulus())).put("e", b64(key.getPublicExponent()));
  }

  @Test
  void rsaSigningKeysAreKeptByKid() {
    JsonWebKeySet set = JsonWebKeySet.parse(new JsonObject().put("keys", new JsonArray().add(jwk("k1", rsa2048))));

    assertEquals(rsa2048, set.key("k1").orElseThrow());
    assertTrue(set.key("k2").isEmpty());
  }

  @Test
  void keysForOtherAlgorithmsOrUsesOrTooSmallAreDropped() {
    JsonArray keys = new JsonArray()
        .add(jwk("hs", rsa2048).put("alg", "HS256"))
        .add(jwk("enc", rsa2048).put("use", "enc"))
        .add(jwk("ec", rsa2048).put("kty", "EC"))
        .add(jwk("small", rsa1024))
        .add(jwk("no-n", rsa2048).putNull("n"))
        .add(jwk("ok", rsa2048));

    JsonWebKeySet set = JsonWebKeySet.parse(new JsonObject().put("keys", keys));

    assertEquals(1, set.size());
    assertTrue(set.key("ok").isPresent());
  }

  @Test
  void aDocumentWithoutKeysIsNotAJwks() {
    assertThrows(IllegalArgumentException.class, () -> JsonWebKeySet.parse(new JsonObject().put("foo", 1)));
  }
}
