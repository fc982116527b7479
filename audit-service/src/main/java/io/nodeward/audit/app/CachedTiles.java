package io.nodeward.audit.app;

import io.nodeward.audit.domain.log.Tile;
import io.nodeward.audit.domain.log.TileSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store's tiles behind a cache of full tiles, which never change: the upper levels of even a very large log
 * then stay in memory and a proof reads one or two level-0 rows. Partial tiles are always read fresh.
 */
public final class CachedTiles {

  private final AuditStore store;
  private final Map<String, Tile> full;

  public CachedTiles(AuditStore store, int capacity) {
    this.store = store;
    this.full = new LinkedHashMap<>(capacity, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Tile> eldest) {
        return size() > capacity;
      }
    };
  }

  /** A tile source for one request: partial tiles read once per request, full tiles from the cache. */
  public TileSource forRequest() {
    Map<String, Tile> partial = new java.util.HashMap<>();
    return (level, index, minWidth) -> {
      String address = level + "/" + index;
      Tile cached;
      synchronized (full) {
        cached = full.get(address);
      }
      if (cached == null) {
        cached = partial.get(address);
      }
      if (cached != null && cached.width() >= minWidth) {
        return cached;
      }
      Tile read = store.tile(level, index).orElseThrow(() -> new IllegalStateException("the stored tree lacks tile " + address));
      if (read.full()) {
        synchronized (full) {
          full.put(address, read);
        }
      } else {
        partial.put(address, read);
      }
      return read;
    };
  }
}
