package io.nodeward.audit.domain.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The hash functions of RFC 9162 §2.1.1: a leaf is SHA-256(0x00 ‖ input), an interior node SHA-256(0x01 ‖ left ‖
 * right), and the empty tree's root SHA-256(""). The prefixes keep a leaf from ever passing for a node (second
 * preimage). Hashes are 32-byte arrays; callers never mutate them.
 */
public final class MerkleHash {

  public static final int SIZE = 32;

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  });

  private MerkleHash() {
  }

  public static byte[] leaf(byte[] input) {
    MessageDigest digest = SHA256.get();
    digest.update((byte) 0x00);
    digest.update(input);
    return digest.digest();
  }

  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest digest = SHA256.get();
    digest.update((byte) 0x01);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** MTH({}) = SHA-256 of the empty string. */
  public static byte[] empty() {
    return SHA256.get().digest();
  }

  /** Root of consecutive hashes {@code from..to} of one level, {@code to - from} a power of two. */
  static byte[] perfectRoot(byte[][] level, int from, int to) {
    int width = to - from;
    if (width == 1) {
      return level[from];
    }
    byte[][] row = Arrays.copyOfRange(level, from, to);
    while (width > 1) {
      for (int i = 0; i < width / 2; i++) {
        row[i] = node(row[2 * i], row[2 * i + 1]);
      }
      width /= 2;
    }
    return row[0];
  }

  /** The largest power of two strictly smaller than {@code n} (n ≥ 2): where RFC 9162 splits a tree of size n. */
  public static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  public static boolean isPowerOfTwo(long n) {
    return n > 0 && (n & (n - 1)) == 0;
  }
}
