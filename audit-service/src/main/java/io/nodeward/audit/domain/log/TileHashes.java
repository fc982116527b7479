package io.nodeward.audit.domain.log;

/**
 * Perfect subtree hashes from tiles: a subtree of height {@code 8·L + r} is the root over {@code 2^r} consecutive
 * entries of one level-{@code L} tile, so any of them costs one tile read and at most 255 hashes.
 */
public final class TileHashes implements PerfectSubtrees {

  private final TileSource tiles;

  public TileHashes(TileSource tiles) {
    this.tiles = tiles;
  }

  @Override
  public byte[] perfect(int height, long index) {
    int level = height / Tile.HEIGHT;
    int r = height % Tile.HEIGHT;
    long first = index << r;
    long tileIndex = first / Tile.WIDTH;
    int from = (int) (first % Tile.WIDTH);
    int to = from + (1 << r);
    Tile tile = tiles.tile(level, tileIndex, to);
    if (tile.width() < to) {
      throw new IllegalStateException("tile " + level + "/" + tileIndex + " holds " + tile.width() + " entries, " + to + " needed");
    }
    return tile.subtree(from, to);
  }
}
