package io.nodeward.console.domain;

import java.util.List;

/** One page of a listing and the opaque cursor of the next one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
