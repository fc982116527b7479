package io.nodeward.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit trail's link function: hash(n) = SHA-256(hash(n-1) ‖ canonical JSON of event n), with 32 zero bytes
 * before the first record. Because each hash covers its predecessor, changing, dropping, adding or moving any
 * record changes every hash after it. Hashes travel as lower-case hex.
 */
public final class HashChain {

  public static final int HASH_BYTES = 32;
  /** The previous hash of record 1. */
  public static final String GENESIS = "0".repeat(HASH_BYTES * 2);

  private static final HexFormat HEX = HexFormat.of();

  private HashChain() {
  }

  public static String link(String previousHash, String canonicalJson) {
    return HEX.formatHex(link(decode(previousHash), canonicalJson.getBytes(StandardCharsets.UTF_8)));
  }

  public static byte[] link(byte[] previousHash, byte[] canonicalJson) {
    if (previousHash.length != HASH_BYTES) {
      throw new IllegalArgumentException("a previous hash has 32 bytes, not " + previousHash.length);
    }
    MessageDigest digest = sha256();
    digest.update(previousHash);
    digest.update(canonicalJson);
    return digest.digest();
  }

  public static boolean isHash(String value) {
    if (value == null || value.length() != HASH_BYTES * 2) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  public static byte[] decode(String hash) {
    if (!isHash(hash)) {
      throw new IllegalArgumentException("not a SHA-256 hash in lower-case hex");
    }
    return HEX.parseHex(hash);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
