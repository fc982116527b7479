package io.nodeward.cli.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 §2.1's recursive definitions, transcribed as they are written (MTH, PATH, PROOF/SUBPROOF): slow and
 * obviously right, to check the streaming root and the proof verifiers against.
 */
final class ReferenceTree {

  private final List<byte[]> leaves;

  ReferenceTree(List<byte[]> leafInputs) {
    this.leaves = leafInputs;
  }

  byte[] root(int n) {
    return mth(0, n);
  }

  private byte[] mth(int from, int to) {
    int n = to - from;
    if (n == 0) {
      return LogHashes.emptyRoot();
    }
    if (n == 1) {
      return LogHashes.leafHash(leaves.get(from));
    }
    int k = largestPowerOfTwoBelow(n);
    return LogHashes.nodeHash(mth(from, from + k), mth(from + k, to));
  }

  /** PATH(m, D[0:n]) of §2.1.3.1. */
  List<byte[]> inclusion(int m, int n) {
    return path(m, 0, n);
  }

  private List<byte[]> path(int m, int from, int to) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      out.addAll(path(m, from, from + k));
      out.add(mth(from + k, to));
    } else {
      out.addAll(path(m - k, from + k, to));
      out.add(mth(from, from + k));
    }
    return out;
  }

  /** PROOF(m, D[0:n]) of §2.1.4.1. */
  List<byte[]> consistency(int m, int n) {
    return subproof(m, 0, n, true);
  }

  private List<byte[]> subproof(int m, int from, int to, boolean b) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(from, to));
      }
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      out.addAll(subproof(m, from, from + k, b));
      out.add(mth(from + k, to));
    } else {
      out.addAll(subproof(m - k, from + k, to, false));
      out.add(mth(from, from + k));
    }
    return out;
  }

  static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }

  static byte[] flipBit(byte[] value, int bit) {
    byte[] copy = Arrays.copyOf(value, value.length);
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }
}
