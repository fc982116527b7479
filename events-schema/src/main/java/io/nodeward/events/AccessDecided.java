package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One access decision of the authorizer. Identity fields are null when the certificate carried no valid
 * identity; {@code path} never includes the query string (it may carry secrets).
 */
public record AccessDecided(
    String decisionId,
    String serialNumber,
    String userId,
    String nodeId,
    String targetNodeId,
    String method,
    String path,
    Effect effect,
    DecisionReason reason,
    String clientAddress,
    String tlsVersion,
    Instant decidedAt,
    String instanceId) implements EventData {

  public AccessDecided {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(reason, "reason");
    if (reason.effect() != effect) {
      throw new IllegalArgumentException("reason " + reason + " does not go with effect " + effect);
    }
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(instanceId, "instanceId");
  }

  /** Keyed by the target node (or the certificate's node) so one node's decisions stay in order. */
  @Override
  public String key() {
    if (targetNodeId != null) {
      return targetNodeId;
    }
    return nodeId != null ? nodeId : "unknown";
  }
}
