package io.nodeward.authorizer.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * An immutable map made of 64 shards, updated copy-on-write per shard: an edit copies only the shards it
 * touches, so applying a revocation to a list of 100k certificates copies ~1.6k entries, not 100k, and
 * readers keep using the old version without locks. Shards are never mutated once published.
 */
final class ShardedMap<K, V> {

  private static final int SHARDS = 64;
  private static final ShardedMap<?, ?> EMPTY = new ShardedMap<>(emptyShards(), 0);

  private final Map<K, V>[] shards;
  private final int size;

  private ShardedMap(Map<K, V>[] shards, int size) {
    this.shards = shards;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <K, V> ShardedMap<K, V> empty() {
    return (ShardedMap<K, V>) EMPTY;
  }

  V get(K key) {
    return shards[index(key)].get(key);
  }

  int size() {
    return size;
  }

  Editor<K, V> edit() {
    return new Editor<>(this);
  }

  private static int index(Object key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (SHARDS - 1);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V>[] emptyShards() {
    Map<K, V>[] shards = new Map[SHARDS];
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = Map.of();
    }
    return shards;
  }

  /** Batches edits; {@link #build()} publishes a new map and leaves the original untouched. */
  static final class Editor<K, V> {
    private final Map<K, V>[] shards;
    private final boolean[] copied = new boolean[SHARDS];
    private int size;

    private Editor(ShardedMap<K, V> base) {
      this.shards = base.shards.clone();
      this.size = base.size;
    }

    V get(K key) {
      return shards[index(key)].get(key);
    }

    void put(K key, V value) {
      if (writable(index(key)).put(key, value) == null) {
        size++;
      }
    }

    void remove(K key) {
      int i = index(key);
      if (shards[i].containsKey(key) && writable(i).remove(key) != null) {
        size--;
      }
    }

    private Map<K, V> writable(int i) {
      if (!copied[i]) {
        shards[i] = new HashMap<>(shards[i]);
        copied[i] = true;
      }
      return shards[i];
    }

    ShardedMap<K, V> build() {
      return new ShardedMap<>(shards.clone(), size);
    }
  }
}
