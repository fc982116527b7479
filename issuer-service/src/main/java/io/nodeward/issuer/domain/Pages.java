package io.nodeward.issuer.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** Keyset pages over an unordered collection: a bounded top-k selection instead of sorting everything. */
final class Pages {

  private Pages() {
  }

  /**
   * The first {@code limit} matching items in {@code order}, and the position after the last one when more
   * match. Holds at most {@code limit + 1} items at a time.
   */
  static <T, P> Page<T, P> best(Consumer<Consumer<T>> source, Predicate<T> filter, Comparator<T> order, int limit,
      Function<T, P> position) {
    // A max-heap of the best limit+1 seen so far: the worst of them is evicted first.
    PriorityQueue<T> kept = new PriorityQueue<>(limit + 2, order.reversed());
    source.accept(item -> {
      if (!filter.test(item)) {
        return;
      }
      kept.add(item);
      if (kept.size() > limit + 1) {
        kept.poll();
      }
    });
    List<T> items = new ArrayList<>(kept);
    items.sort(order);
    if (items.size() <= limit) {
      return new Page<>(items, Optional.empty());
    }
    List<T> page = items.subList(0, limit);
    return new Page<>(page, Optional.of(position.apply(page.get(limit - 1))));
  }
}
