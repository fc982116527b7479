package io.nodeward.audit.domain.log;

/** Reads stored tiles. A tile may be wider than asked for (the log grew since): entries never change. */
@FunctionalInterface
public interface TileSource {

  /** The stored tile at this address, with at least {@code minWidth} entries; fails if there is none. */
  Tile tile(int level, long index, int minWidth);
}
