package io.nodeward.issuer.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The latest state per key of a compacted topic, with read-your-writes: an event this instance published is
 * visible the moment Kafka acknowledged it, before the consumer reads it back.
 *
 * <p>Two layers keep that correct. The base is what the consumer applied, in log order. The overlay holds
 * events published here but not yet read back; it masks the base for its key, because anything older the
 * consumer applies meanwhile is older than the overlay. When the consumer reaches the overlay's event (same
 * event id) the overlay entry is dropped and the base is authoritative again, so events that other instances
 * publish afterwards are never hidden. Applying the same event twice gives the same state (replay is safe).
 *
 * @param <V> the state; {@link Optional#empty()} is a tombstone (e.g. a deprovisioned node)
 */
public final class LogProjection<V> {

  private record Pending<V>(String eventId, Optional<V> state) {
  }

  private static final int REMEMBERED_IDS = 10_000;

  private final Map<String, V> base = new ConcurrentHashMap<>();
  private final Map<String, Pending<V>> overlay = new ConcurrentHashMap<>();
  /** Event ids recently read from the log, so a local apply that arrives after its own read-back is ignored. */
  private final Map<String, Boolean> readBack = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_IDS;
        }
      });

  /** An event read from the log, in log order for its key. */
  public synchronized void applyFromLog(String eventId, String key, UnaryOperator<Optional<V>> change) {
    Optional<V> next = change.apply(Optional.ofNullable(base.get(key)));
    next.ifPresentOrElse(v -> base.put(key, v), () -> base.remove(key));
    readBack.put(eventId, Boolean.TRUE);
    Pending<V> pending = overlay.get(key);
    if (pending != null && pending.eventId().equals(eventId)) {
      overlay.remove(key);
    }
  }

  /** An event this instance published and Kafka acknowledged. */
  public synchronized void applyPublished(String eventId, String key, UnaryOperator<Optional<V>> change) {
    if (readBack.containsKey(eventId)) {
      return;
    }
    overlay.put(key, new Pending<>(eventId, change.apply(get(key))));
  }

  public Optional<V> get(String key) {
    Pending<V> pending = overlay.get(key);
    return pending != null ? pending.state() : Optional.ofNullable(base.get(key));
  }

  /** A snapshot of every live value, overlay applied. */
  public synchronized List<V> values() {
    Map<String, V> merged = new LinkedHashMap<>(base);
    overlay.forEach((key, pending) -> pending.state().ifPresentOrElse(v -> merged.put(key, v), () -> merged.remove(key)));
    return List.copyOf(merged.values());
  }

  /**
   * Visits every live value, overlay applied, without copying the whole state (a page needs only a few items).
   * Weakly consistent like the maps beneath: a change made meanwhile may or may not be seen.
   */
  public void forEachValue(java.util.function.Consumer<V> visitor) {
    base.forEach((key, value) -> {
      if (!overlay.containsKey(key)) {
        visitor.accept(value);
      }
    });
    overlay.values().forEach(pending -> pending.state().ifPresent(visitor));
  }

  public int size() {
    return values().size();
  }

  /** For tests and diagnostics: events published here that the consumer has not read back yet. */
  public int pendingCount() {
    return overlay.size();
  }
}
