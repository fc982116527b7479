package io.nodeward.audit.domain.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The right edge of the tree: for each level, the entries of its last, not yet full tile. That is all an append
 * needs (a compact range, in tiles): new leaves fill level 0; a tile that fills up is handed out to be stored for
 * good and its root becomes the next entry one level up. The root of the whole tree is computed from the edge
 * alone, because every perfect subtree of the size's binary decomposition lies in its level's last tile.
 */
public final class TreeEdge {

  private long size;
  /** Per level, the entries of the last tile (fewer than 256). */
  private final List<List<byte[]>> levels = new ArrayList<>();

  private TreeEdge(long size) {
    this.size = size;
  }

  public static TreeEdge empty() {
    return new TreeEdge(0);
  }

  /**
   * The edge of a stored tree of {@code size} leaves from its stored tiles: for each level with entries, the tile
   * holding its last entries (a full tile when that level's count is a multiple of 256 is not needed).
   *
   * @throws IllegalStateException if a tile does not hold the entries the size implies
   */
  public static TreeEdge of(long size, TileSource tiles) {
    TreeEdge edge = new TreeEdge(size);
    for (int level = 0; Tile.entries(size, level) > 0; level++) {
      long entries = Tile.entries(size, level);
      int width = (int) (entries % Tile.WIDTH);
      List<byte[]> last = new ArrayList<>(Tile.WIDTH);
      if (width > 0) {
        Tile tile = tiles.tile(level, entries / Tile.WIDTH, width);
        if (tile.width() < width) {
          throw new IllegalStateException("tile " + level + "/" + tile.index() + " holds " + tile.width()
              + " entries where a tree of " + size + " leaves needs " + width);
        }
        for (int i = 0; i < width; i++) {
          last.add(tile.hash(i));
        }
      }
      edge.levels.add(last);
    }
    return edge;
  }

  public long size() {
    return size;
  }

  /**
   * Appends leaf hashes in order. Returns every tile that changed, by address: the tiles that filled up (stored
   * once and for all) and each level's last tile as it now is.
   */
  public Collection<Tile> append(List<byte[]> leafHashes) {
    Map<String, Tile> changed = new LinkedHashMap<>();
    for (byte[] leaf : leafHashes) {
      push(0, leaf, changed);
      size++;
    }
    for (int level = 0; level < levels.size(); level++) {
      List<byte[]> last = levels.get(level);
      if (!last.isEmpty()) {
        long index = Tile.entries(size, level) / Tile.WIDTH;
        changed.put(level + "/" + index, new Tile(level, index, pack(last)));
      }
    }
    return changed.values();
  }

  private void push(int level, byte[] hash, Map<String, Tile> changed) {
    if (levels.size() == level) {
      levels.add(new ArrayList<>(Tile.WIDTH));
    }
    List<byte[]> last = levels.get(level);
    last.add(hash);
    if (last.size() == Tile.WIDTH) {
      Tile full = new Tile(level, completedIndex(level), pack(last));
      changed.put(level + "/" + full.index(), full);
      byte[][] entries = last.toArray(new byte[0][]);
      last.clear();
      push(level + 1, MerkleHash.perfectRoot(entries, 0, entries.length), changed);
    }
  }

  /** Index of the level's tile that just filled, counting the leaf being appended (size is not yet advanced). */
  private long completedIndex(int level) {
    long entriesNow = Tile.entries(size + 1, level);
    return entriesNow / Tile.WIDTH - 1;
  }

  /** MTH of the whole tree, from the edge alone. */
  public byte[] root() {
    if (size == 0) {
      return MerkleHash.empty();
    }
    return new MerkleTree(this::perfect).root(size);
  }

  private byte[] perfect(int height, long index) {
    int level = height / Tile.HEIGHT;
    int r = height % Tile.HEIGHT;
    long first = index << r;
    long tileStart = Tile.entries(size, level) / Tile.WIDTH * Tile.WIDTH;
    List<byte[]> last = levels.get(level);
    int from = (int) (first - tileStart);
    int to = from + (1 << r);
    if (from < 0 || to > last.size()) {
      throw new IllegalStateException("subtree " + height + "/" + index + " is not on the edge of a tree of " + size);
    }
    byte[][] entries = last.subList(from, to).toArray(new byte[0][]);
    return MerkleHash.perfectRoot(entries, 0, entries.length);
  }

  /** A copy that can be appended to without changing this one (a transaction that may still roll back). */
  public TreeEdge copy() {
    TreeEdge copy = new TreeEdge(size);
    for (List<byte[]> level : levels) {
      copy.levels.add(new ArrayList<>(level));
    }
    return copy;
  }

  private static byte[] pack(List<byte[]> hashes) {
    byte[] packed = new byte[hashes.size() * MerkleHash.SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i), 0, packed, i * MerkleHash.SIZE, MerkleHash.SIZE);
    }
    return packed;
  }

  @Override
  public String toString() {
    return "TreeEdge[size=" + size + ", levels=" + levels.size() + "]";
  }
}
