package io.nodeward.audit.domain.log;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's side of RFC 9162: §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), exactly as the RFC states
 * them. Pure and standalone: it trusts nothing but the roots it is given.
 */
public final class ProofVerifier {

  private ProofVerifier() {
  }

  /** Whether {@code path} proves the leaf with {@code leafHash} at {@code index} in the tree with {@code root}. */
  public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= size || !sized(leafHash) || !sized(root) || !allSized(path)) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /** Whether {@code proof} shows the tree of size {@code to} with {@code toRoot} extends the one of size {@code from}. */
  public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
    if (from < 1 || from > to || !sized(fromRoot) || !sized(toRoot) || !allSized(proof)) {
      return false;
    }
    if (from == to) {
      return proof.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (MerkleHash.isPowerOfTwo(from)) {
      path.add(0, fromRoot);
    }
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.node(c, fr);
        sr = MerkleHash.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = MerkleHash.node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
  }

  private static boolean sized(byte[] hash) {
    return hash != null && hash.length == MerkleHash.SIZE;
  }

  private static boolean allSized(List<byte[]> hashes) {
    return hashes != null && hashes.stream().allMatch(ProofVerifier::sized);
  }
}
