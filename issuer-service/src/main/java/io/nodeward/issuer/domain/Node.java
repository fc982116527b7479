package io.nodeward.issuer.domain;

import io.nodeward.events.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** A provisioned node as the issuer knows it: who owns it and where it is reached. */
public record Node(String nodeId, String ownerUserId, String upstreamUrl, Instant provisionedAt) {

  public Node {
    Identifiers.requireNodeId(nodeId);
    Identifiers.requireUserId(ownerUserId);
    Objects.requireNonNull(upstreamUrl, "upstreamUrl");
    Objects.requireNonNull(provisionedAt, "provisionedAt");
  }

  public boolean ownedBy(String userId) {
    return ownerUserId.equals(userId);
  }
}
