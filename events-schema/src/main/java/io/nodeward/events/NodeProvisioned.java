package io.nodeward.events;

import java.time.Instant;
import java.util.Objects;

/** A node exists, belongs to {@code ownerUserId} and is reached at {@code upstreamUrl}. Latest per nodeId is the node's state. */
public record NodeProvisioned(String nodeId, String ownerUserId, String upstreamUrl, Instant provisionedAt, String provisionedBy)
    implements EventData {

  public NodeProvisioned {
    Identifiers.requireNodeId(nodeId);
    Identifiers.requireUserId(ownerUserId);
    Objects.requireNonNull(upstreamUrl, "upstreamUrl");
    Objects.requireNonNull(provisionedAt, "provisionedAt");
    Identifiers.requireUserId(provisionedBy);
  }

  @Override
  public String key() {
    return nodeId;
  }
}
