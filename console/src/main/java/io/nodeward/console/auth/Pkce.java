package io.nodeward.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One sign-in's secrets (RFC 7636 PKCE with S256, plus OAuth {@code state} and OIDC {@code nonce}): each 256 random
 * bits, base64url. The verifier never leaves the server; the browser only carries the challenge, state and nonce.
 */
public record Pkce(String verifier, String challenge) {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  public static Pkce create(SecureRandom random) {
    String verifier = randomToken(random);
    return new Pkce(verifier, challengeOf(verifier));
  }

  /** {@code BASE64URL(SHA256(ASCII(verifier)))}, RFC 7636 §4.2. */
  public static String challengeOf(String verifier) {
    try {
      return URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 32 random bytes as 43 base64url characters: a valid verifier, state, nonce or CSRF token. */
  public static String randomToken(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return URL.encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "Pkce[S256]";
  }
}
