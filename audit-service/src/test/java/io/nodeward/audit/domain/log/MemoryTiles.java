package io.nodeward.audit.domain.log;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Tiles kept in a map, replaced by address as a store replaces them: what the domain tests read proofs from. */
final class MemoryTiles implements TileSource {

  private final Map<String, Tile> tiles = new HashMap<>();

  void put(Collection<Tile> changed) {
    for (Tile tile : changed) {
      tiles.put(tile.level() + "/" + tile.index(), tile);
    }
  }

  int count() {
    return tiles.size();
  }

  @Override
  public Tile tile(int level, long index, int minWidth) {
    Tile tile = tiles.get(level + "/" + index);
    if (tile == null) {
      throw new IllegalStateException("no tile " + level + "/" + index);
    }
    return tile;
  }
}
