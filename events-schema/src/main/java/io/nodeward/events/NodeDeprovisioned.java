package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/** A node is gone: every certificate for it stops working at once. */
public record NodeDeprovisioned(String nodeId, String ownerUserId, Instant deprovisionedAt, String deprovisionedBy)
    implements EventData {

  public NodeDeprovisioned {
    Identifiers.requireNodeId(nodeId);
    Identifiers.requireUserId(ownerUserId);
    Objects.requireNonNull(deprovisionedAt, "deprovisionedAt");
    Identifiers.requireUserId(deprovisionedBy);
  }

  @Override
  public String key() {
    return nodeId;
  }
}
