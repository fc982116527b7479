package io.nodeward.console.domain;

import java.time.Instant;

/** A node as the issuer API shows it. */
public record Node(String nodeId, String ownerUserId, String upstreamUrl, Instant provisionedAt) {
}
