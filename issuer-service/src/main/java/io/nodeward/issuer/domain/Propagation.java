package io.nodeward.issuer.domain;

import java.util.List;

/**
 * How far a change reached the authorizers: the live instances that have applied it and the ones that have not
 * (yet). Complete when none is pending; with no live instance at all it is complete and confirmed by nobody.
 */
public record Propagation(List<String> confirmedBy, List<String> pending) {

  public Propagation {
    confirmedBy = List.copyOf(confirmedBy);
    pending = List.copyOf(pending);
  }

  public boolean complete() {
    return pending.isEmpty();
  }
}
