package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate request was refused. {@code nodeId} is what the caller asked for, recorded only if it passed
 * the identifier pattern (otherwise null: hostile input never reaches the trail verbatim).
 */
public record IssuanceDenied(String requestId, String userId, String nodeId, IssuanceRefusal reason, String detail, Instant deniedAt)
    implements EventData {

  public IssuanceDenied {
    Objects.requireNonNull(requestId, "requestId");
    Identifiers.requireUserId(userId);
    if (nodeId != null) {
      Identifiers.requireNodeId(nodeId);
    }
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(deniedAt, "deniedAt");
  }

  /** Keyed by node when known so it sits in order with the node's decisions; else by caller. */
  @Override
  public String key() {
    return nodeId != null ? nodeId : userId;
  }
}
