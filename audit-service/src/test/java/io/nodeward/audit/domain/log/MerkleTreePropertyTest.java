package io.nodeward.audit.domain.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties over random trees up to 10,000 leaves, built the way the service builds them (a tree edge fed in
 * random batches, tiles replaced by address, the edge reloaded from tiles mid-way): the root equals the RFC's
 * recursive definition, every inclusion proof and every consistency proof verifies, and every one-bit change of
 * a proof, a leaf hash or a root makes it fail.
 */
class MerkleTreePropertyTest {

  /** The RFC 9162 §2.1.1 definition, recursively and without tiles: the reference the tiles must agree with. */
  static byte[] referenceRoot(List<byte[]> leafHashes, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return MerkleHash.empty();
    }
    if (n == 1) {
      return leafHashes.get(from);
    }
    int k = (int) MerkleHash.split(n);
    return MerkleHash.node(referenceRoot(leafHashes, from, from + k), referenceRoot(leafHashes, from + k, to));
  }

  record Built(List<byte[]> leaves, MemoryTiles tiles, List<byte[]> roots) {
  }

  /**
   * Leaves of {@code size}, appended in random batches with one reload of the edge from the tiles, and the root of
   * every prefix: from the tiles, checked against the edge after each batch and against the definition at samples.
   */
  static Built build(int size, Random random) {
    return build(size, random, true);
  }

  /** @param everyRoot the root of every prefix (else only at the batch ends and the samples, for big trees) */
  static Built build(int size, Random random, boolean everyRoot) {
    List<byte[]> leaves = new ArrayList<>(size);
    MemoryTiles tiles = new MemoryTiles();
    List<byte[]> edgeRoots = new ArrayList<>();
    List<Integer> batchEnds = new ArrayList<>();
    TreeEdge edge = TreeEdge.empty();
    int reloadAt = random.nextInt(size + 1);
    while (leaves.size() < size) {
      if (leaves.size() >= reloadAt) {
        edge = TreeEdge.of(edge.size(), tiles);
        reloadAt = Integer.MAX_VALUE;
      }
      int batch = Math.min(size - leaves.size(), 1 + random.nextInt(random.nextBoolean() ? 5 : 700));
      List<byte[]> hashes = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        byte[] input = ByteBuffer.allocate(12).putInt(random.nextInt()).putLong(leaves.size() + i).array();
        hashes.add(MerkleHash.leaf(input));
      }
      tiles.put(edge.append(hashes));
      leaves.addAll(hashes);
      edgeRoots.add(edge.root());
      batchEnds.add(leaves.size());
    }
    MerkleTree tree = new MerkleTree(new TileHashes(tiles));
    List<byte[]> roots = new ArrayList<>(size + 1);
    for (int m = 0; m <= size; m++) {
      roots.add(everyRoot || m == size ? tree.root(m) : null);
    }
    for (int i = 0; i < batchEnds.size(); i++) {
      assertArrayEquals(edgeRoots.get(i), tree.root(batchEnds.get(i)), "edge and tiles agree at " + batchEnds.get(i));
    }
    for (int sample = 0; sample < 20; sample++) {
      int m = random.nextInt(size + 1);
      assertArrayEquals(referenceRoot(leaves, 0, m), tree.root(m), "root of the first " + m);
    }
    return new Built(leaves, tiles, roots);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 255, 256, 257, 511, 65_537, 70_000})
  void tileBoundariesGiveTheSameRootAsTheDefinition(int size) {
    Random random = new Random(size);
    Built built = build(size, random, false);
    MerkleTree tree = new MerkleTree(new TileHashes(built.tiles()));
    for (long probe : new long[] {1, size / 2 + 1, size - 1, size}) {
      if (probe >= 1 && probe <= size) {
        assertArrayEquals(referenceRoot(built.leaves(), 0, (int) probe), tree.root(probe), "root at " + probe);
      }
    }
  }

  @Test
  void randomSizesUpToTenThousandEveryProofVerifiesAndEveryOneBitChangeFails() {
    Random random = new Random(20261130L);
    int[] sizes = {random.nextInt(100) + 1, random.nextInt(1_000) + 1, random.nextInt(10_000) + 1};
    for (int size : sizes) {
      Built built = build(size, random);
      MerkleTree tree = new MerkleTree(new TileHashes(built.tiles()));
      byte[] root = built.roots().get(size);
      assertArrayEquals(referenceRoot(built.leaves(), 0, size), root, "root of " + size);
      for (int index = 0; index < size; index++) {
        List<byte[]> path = tree.inclusionProof(index, size);
        assertTrue(ProofVerifier.verifyInclusion(index, size, built.leaves().get(index), path, root), "leaf " + index + " of " + size);
        assertEquals(expectedInclusionLength(index, size), path.size());
        int element = random.nextInt(path.size() + 2);
        int bit = random.nextInt(256);
        if (element < path.size()) {
          assertFalse(ProofVerifier.verifyInclusion(index, size, built.leaves().get(index),
              MerkleTreeVectorsTest.flipped(path, element, bit), root));
        } else if (element == path.size()) {
          assertFalse(ProofVerifier.verifyInclusion(index, size, flip(built.leaves().get(index), bit), path, root));
        } else {
          assertFalse(ProofVerifier.verifyInclusion(index, size, built.leaves().get(index), path, flip(root, bit)));
        }
      }
      for (int from = 1; from <= size; from++) {
        List<byte[]> proof = tree.consistencyProof(from, size);
        byte[] fromRoot = built.roots().get(from);
        assertTrue(ProofVerifier.verifyConsistency(from, size, fromRoot, root, proof), from + " to " + size);
        int bit = random.nextInt(256);
        if (!proof.isEmpty()) {
          assertFalse(ProofVerifier.verifyConsistency(from, size, fromRoot, root,
              MerkleTreeVectorsTest.flipped(proof, random.nextInt(proof.size()), bit)));
        }
        assertFalse(ProofVerifier.verifyConsistency(from, size, flip(fromRoot, bit), root, proof));
        assertFalse(ProofVerifier.verifyConsistency(from, size, fromRoot, flip(root, bit), proof));
      }
    }
  }

  @Test
  void everySingleBitOfSomeProofsMatters() {
    Random random = new Random(7);
    int size = 9_999;
    Built built = build(size, random);
    MerkleTree tree = new MerkleTree(new TileHashes(built.tiles()));
    byte[] root = built.roots().get(size);
    for (int sample = 0; sample < 20; sample++) {
      int index = random.nextInt(size);
      List<byte[]> path = tree.inclusionProof(index, size);
      int from = 1 + random.nextInt(size - 1);
      List<byte[]> consistency = tree.consistencyProof(from, size);
      for (int element = 0; element < path.size(); element++) {
        for (int bit = 0; bit < 256; bit++) {
          assertFalse(ProofVerifier.verifyInclusion(index, size, built.leaves().get(index),
              MerkleTreeVectorsTest.flipped(path, element, bit), root));
        }
      }
      for (int element = 0; element < consistency.size(); element++) {
        for (int bit = 0; bit < 256; bit++) {
          assertFalse(ProofVerifier.verifyConsistency(from, size, built.roots().get(from), root,
              MerkleTreeVectorsTest.flipped(consistency, element, bit)));
        }
      }
    }
  }

  @Test
  void anEdgeReloadedFromTilesThatDisagreeWithTheSizeIsRefused() {
    Built built = build(300, new Random(1));
    // A size the tiles do not reach: the last level-0 tile holds 44 entries, not 45.
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> TreeEdge.of(301, built.tiles()));
  }

  /** RFC 9162 §2.1.3.1: a path is as long as the leaf's depth in the (unbalanced) tree. */
  private static int expectedInclusionLength(long index, long size) {
    int length = 0;
    long start = 0;
    long end = size;
    while (end - start > 1) {
      long k = MerkleHash.split(end - start);
      if (index - start < k) {
        end = start + k;
      } else {
        start += k;
      }
      length++;
    }
    return length;
  }

  private static byte[] flip(byte[] hash, int bit) {
    byte[] copy = Arrays.copyOf(hash, hash.length);
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }
}
