package io.nodeward.audit.domain.log;

/**
 * Where a tree's stored hashes come from: the hash of the perfect subtree of height {@code height} with index
 * {@code index}, i.e. over leaves {@code [index·2^height, (index+1)·2^height)}. Only subtrees wholly inside the
 * log are ever asked for; those never change once written.
 */
@FunctionalInterface
public interface PerfectSubtrees {

  byte[] perfect(int height, long index);
}
