package io.nodeward.cli.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the Certificate Transparency test tree (the eight leaves and root issue 14 names, with the
 * roots of its prefixes and proofs published with it) and against RFC 9162's definitions for random trees.
 */
class LogHashesTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final List<byte[]> CT_LEAVES = List.of(HEX.parseHex(""), HEX.parseHex("00"), HEX.parseHex("10"),
      HEX.parseHex("2021"), HEX.parseHex("3031"), HEX.parseHex("40414243"), HEX.parseHex("5051525354555657"),
      HEX.parseHex("606162636465666768696a6b6c6d6e6f"));
  /** Roots of the first 1..8 leaves (certificate-transparency's merkle_tree_test). */
  private static final String[] CT_ROOTS = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  private static List<byte[]> hexes(String... values) {
    List<byte[]> out = new ArrayList<>();
    for (String v : values) {
      out.add(HEX.parseHex(v));
    }
    return out;
  }

  @Test
  void theStreamingRootIsTheCtTestTreesRootAtEverySize() {
    CompactRange range = new CompactRange();
    for (int i = 0; i < CT_LEAVES.size(); i++) {
      range.append(LogHashes.leafHash(CT_LEAVES.get(i)));
      assertEquals(CT_ROOTS[i], HEX.formatHex(range.root()), "root of " + (i + 1) + " leaves");
    }
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HEX.formatHex(new CompactRange().root()));
  }

  @Test
  void publishedCtProofsVerify() {
    byte[] root8 = HEX.parseHex(CT_ROOTS[7]);
    assertTrue(LogHashes.verifyInclusion(0, 8, LogHashes.leafHash(CT_LEAVES.get(0)), hexes(
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), root8));
    assertTrue(LogHashes.verifyConsistency(1, 8, HEX.parseHex(CT_ROOTS[0]), root8, hexes(
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")));
    assertTrue(LogHashes.verifyConsistency(6, 8, HEX.parseHex(CT_ROOTS[5]), root8, hexes(
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));
    assertTrue(LogHashes.verifyConsistency(2, 5, HEX.parseHex(CT_ROOTS[1]), HEX.parseHex(CT_ROOTS[4]), hexes(
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));
  }

  @Test
  void everyProofOfTheCtTreeVerifiesAndNoOtherPositionAccepts() {
    ReferenceTree tree = new ReferenceTree(CT_LEAVES);
    for (int n = 1; n <= 8; n++) {
      byte[] root = HEX.parseHex(CT_ROOTS[n - 1]);
      assertArrayEquals(root, tree.root(n));
      for (int m = 0; m < n; m++) {
        List<byte[]> path = tree.inclusion(m, n);
        byte[] leaf = LogHashes.leafHash(CT_LEAVES.get(m));
        assertTrue(LogHashes.verifyInclusion(m, n, leaf, path, root), "leaf " + m + " of " + n);
        // (the size is not bound by the path alone: leaf 0 of 6 and of 7 have paths of one shape; the signed
        // checkpoint binds it)
        if (n > 1) {
          assertFalse(LogHashes.verifyInclusion((m + 1) % n, n, leaf, path, root), "wrong index");
        }
      }
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = tree.consistency(m, n);
        assertTrue(LogHashes.verifyConsistency(m, n, tree.root(m), root, proof), m + " -> " + n);
        if (m < n) {
          assertFalse(LogHashes.verifyConsistency(m, n, root, tree.root(m), proof), "swapped roots");
        }
      }
    }
  }

  @Test
  void randomTreesUpToTenThousandLeavesVerifyAndEveryOneBitChangeFails() {
    Random random = new Random(20261130);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      byte[] leaf = new byte[1 + random.nextInt(40)];
      random.nextBytes(leaf);
      leaves.add(leaf);
    }
    ReferenceTree tree = new ReferenceTree(leaves);
    CompactRange range = new CompactRange();
    int[] sizes = {1, 2, 3, 7, 64, 65, 257, 1000, 4097, 9999, 10_000};
    int next = 0;
    for (int i = 0; i < leaves.size(); i++) {
      range.append(LogHashes.leafHash(leaves.get(i)));
      if (next < sizes.length && range.size() == sizes[next]) {
        int n = sizes[next++];
        byte[] root = tree.root(n);
        assertArrayEquals(root, range.root(), "streaming root at " + n);
        for (int trial = 0; trial < 5; trial++) {
          int m = random.nextInt(n);
          byte[] leaf = LogHashes.leafHash(leaves.get(m));
          List<byte[]> path = tree.inclusion(m, n);
          assertTrue(LogHashes.verifyInclusion(m, n, leaf, path, root));
          assertFalse(LogHashes.verifyInclusion(m, n, ReferenceTree.flipBit(leaf, random.nextInt(256)), path, root));
          assertFalse(LogHashes.verifyInclusion(m, n, leaf, path, ReferenceTree.flipBit(root, random.nextInt(256))));
          if (!path.isEmpty()) {
            List<byte[]> bent = new ArrayList<>(path);
            int at = random.nextInt(bent.size());
            bent.set(at, ReferenceTree.flipBit(bent.get(at), random.nextInt(256)));
            assertFalse(LogHashes.verifyInclusion(m, n, leaf, bent, root));
          }
          int first = 1 + random.nextInt(n);
          List<byte[]> proof = tree.consistency(first, n);
          byte[] firstRoot = tree.root(first);
          assertTrue(LogHashes.verifyConsistency(first, n, firstRoot, root, proof), first + " -> " + n);
          assertFalse(LogHashes.verifyConsistency(first, n, ReferenceTree.flipBit(firstRoot, random.nextInt(256)), root, proof));
          if (!proof.isEmpty()) {
            List<byte[]> bent = new ArrayList<>(proof);
            int at = random.nextInt(bent.size());
            bent.set(at, ReferenceTree.flipBit(bent.get(at), random.nextInt(256)));
            assertFalse(LogHashes.verifyConsistency(first, n, firstRoot, root, bent));
          }
        }
      }
    }
  }
}
