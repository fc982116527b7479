package io.nodeward.authorizer.app;

import io.nodeward.events.AccessDecided;

/** Where decisions go once made (event publisher, metrics). Must not block or throw. */
@FunctionalInterface
public interface DecisionSink {

  void decided(AccessDecided decision);

  default DecisionSink andThen(DecisionSink next) {
    return d -> {
      decided(d);
      next.decided(d);
    };
  }
}
