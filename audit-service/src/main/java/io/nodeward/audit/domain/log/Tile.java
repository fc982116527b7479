package io.nodeward.audit.domain.log;

import java.util.Arrays;

/**
 * A tile, as in C2SP tlog-tiles: up to 256 consecutive hashes of one level of the tree, concatenated. Level 0
 * holds leaf hashes; an entry {@code j} of level {@code L} is the hash of the perfect subtree of height
 * {@code 8·L} with index {@code j}. Tile {@code i} of a level holds its entries {@code [256·i, 256·i + width)}.
 * Full tiles never change; the last tile of each level grows until it is full.
 */
public record Tile(int level, long index, byte[] hashes) {

  public static final int HEIGHT = 8;
  public static final int WIDTH = 1 << HEIGHT;

  public Tile {
    if (level < 0 || index < 0) {
      throw new IllegalArgumentException("negative tile address");
    }
    if (hashes.length == 0 || hashes.length % MerkleHash.SIZE != 0 || hashes.length > WIDTH * MerkleHash.SIZE) {
      throw new IllegalArgumentException("a tile holds 1 to 256 hashes of 32 bytes, not " + hashes.length + " bytes");
    }
  }

  public int width() {
    return hashes.length / MerkleHash.SIZE;
  }

  public boolean full() {
    return width() == WIDTH;
  }

  /** Entry {@code i} of this tile (0 ≤ i < width). */
  public byte[] hash(int i) {
    return Arrays.copyOfRange(hashes, i * MerkleHash.SIZE, (i + 1) * MerkleHash.SIZE);
  }

  /** The first level entry this tile holds. */
  public long firstEntry() {
    return index * WIDTH;
  }

  /** Hash of the perfect subtree over this tile's entries {@code [from, to)}, a power-of-two count. */
  byte[] subtree(int from, int to) {
    byte[][] entries = new byte[to - from][];
    for (int i = from; i < to; i++) {
      entries[i - from] = hash(i);
    }
    return MerkleHash.perfectRoot(entries, 0, entries.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tile t && t.level == level && t.index == index && Arrays.equals(t.hashes, hashes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * level + Long.hashCode(index)) + Arrays.hashCode(hashes);
  }

  @Override
  public String toString() {
    return "Tile[level=" + level + ", index=" + index + ", width=" + width() + "]";
  }

  /** How many entries level {@code level} has in a tree of {@code size} leaves. */
  public static long entries(long size, int level) {
    return size >>> (HEIGHT * level);
  }
}
