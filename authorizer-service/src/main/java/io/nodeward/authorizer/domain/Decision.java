package io.nodeward.authorizer.domain;

import io.nodeward.events.DecisionReason;
import io.nodeward.events.Effect;
import java.util.EnumMap;
import java.util.Map;

/** The outcome of {@link AccessPolicy#decide}: one shared instance per reason, so deciding allocates nothing. */
public record Decision(Effect effect, DecisionReason reason) {

  private static final Map<DecisionReason, Decision> BY_REASON = new EnumMap<>(DecisionReason.class);

  static {
    for (DecisionReason reason : DecisionReason.values()) {
      BY_REASON.put(reason, new Decision(reason.effect(), reason));
    }
  }

  public Decision {
    if (reason.effect() != effect) {
      throw new IllegalArgumentException(reason + " does not go with " + effect);
    }
  }

  public static Decision of(DecisionReason reason) {
    return BY_REASON.get(reason);
  }

  public boolean allowed() {
    return effect == Effect.ALLOW;
  }
}
