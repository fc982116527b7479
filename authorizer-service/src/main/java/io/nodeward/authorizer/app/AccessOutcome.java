package io.nodeward.authorizer.app;

import io.nodeward.authorizer.domain.NodeRecord;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.Effect;

/** A recorded decision, and for an allowed request the node it goes to (from the snapshot that decided). */
public record AccessOutcome(AccessDecided decision, NodeRecord node) {

  public boolean allowed() {
    return decision.effect() == Effect.ALLOW;
  }
}
