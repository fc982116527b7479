package io.nodeward.cli.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The root of a growing RFC 9162 tree with O(log n) memory: the roots of the perfect subtrees that make up the
 * leaves so far (one per 1-bit of the size), merged as leaves arrive. Folding them right to left gives MTH of
 * exactly those leaves, so a verifier can stream ten million leaves and ask for the root at any size on the way.
 */
public final class CompactRange {

  private record Subtree(long size, byte[] hash) {
  }

  private final Deque<Subtree> stack = new ArrayDeque<>();
  private long size;

  public void append(byte[] leafHash) {
    Subtree node = new Subtree(1, leafHash);
    while (!stack.isEmpty() && stack.peek().size() == node.size()) {
      Subtree left = stack.pop();
      node = new Subtree(left.size() * 2, LogHashes.nodeHash(left.hash(), node.hash()));
    }
    stack.push(node);
    size++;
  }

  public long size() {
    return size;
  }

  /** MTH of the leaves appended so far. */
  public byte[] root() {
    if (stack.isEmpty()) {
      return LogHashes.emptyRoot();
    }
    Iterator<Subtree> fromRight = stack.iterator();
    byte[] root = fromRight.next().hash();
    while (fromRight.hasNext()) {
      root = LogHashes.nodeHash(fromRight.next().hash(), root);
    }
    return root;
  }
}
