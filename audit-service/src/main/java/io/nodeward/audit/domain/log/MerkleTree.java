package io.nodeward.audit.domain.log;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 over stored subtree hashes: tree heads (MTH), inclusion proofs (PATH, §2.1.3.1) and consistency
 * proofs (PROOF, §2.1.4.1), written as the RFC's recursions. Every subtree the recursions name is either
 * perfect (a power-of-two size, aligned) and read from {@link PerfectSubtrees}, or a right edge split again,
 * so a proof reads O(log n) stored hashes whatever the size of the log.
 */
public final class MerkleTree {

  private final PerfectSubtrees stored;

  public MerkleTree(PerfectSubtrees stored) {
    this.stored = stored;
  }

  /** MTH(D[0:size]); the empty tree's root for size 0. */
  public byte[] root(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
    return size == 0 ? MerkleHash.empty() : range(0, size);
  }

  /** PATH(index, D[0:size]): the sibling hashes from the leaf up. */
  public List<byte[]> inclusionProof(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
    }
    List<byte[]> path = new ArrayList<>();
    path(index, 0, size, path);
    return path;
  }

  /** PROOF(from, D[0:to]); empty when {@code from == to}. */
  public List<byte[]> consistencyProof(long from, long to) {
    if (from < 1 || from > to) {
      throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
    }
    List<byte[]> proof = new ArrayList<>();
    if (from < to) {
      subproof(from, 0, to, true, proof);
    }
    return proof;
  }

  /** MTH(D[start:end]) for the ranges RFC 9162's recursions produce. */
  byte[] range(long start, long end) {
    long size = end - start;
    if (MerkleHash.isPowerOfTwo(size) && start % size == 0) {
      return stored.perfect(Long.numberOfTrailingZeros(size), start / size);
    }
    long k = MerkleHash.split(size);
    return MerkleHash.node(range(start, start + k), range(start + k, end));
  }

  private void path(long m, long start, long end, List<byte[]> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = MerkleHash.split(n);
    if (m < k) {
      path(m, start, start + k, out);
      out.add(range(start + k, end));
    } else {
      path(m - k, start + k, end, out);
      out.add(range(start, start + k));
    }
  }

  private void subproof(long m, long start, long end, boolean complete, List<byte[]> out) {
    long n = end - start;
    if (m == n) {
      if (!complete) {
        out.add(range(start, end));
      }
      return;
    }
    long k = MerkleHash.split(n);
    if (m <= k) {
      subproof(m, start, start + k, complete, out);
      out.add(range(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(range(start, start + k));
    }
  }
}
