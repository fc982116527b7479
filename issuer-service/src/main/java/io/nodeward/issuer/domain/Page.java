package io.nodeward.issuer.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paginated list: the items and, when more follow, the position after the last one.
 *
 * @param <T> the item
 * @param <P> the position type a next page starts after
 */
public record Page<T, P>(List<T> items, Optional<P> next) {

  public Page {
    items = List.copyOf(items);
  }
}
