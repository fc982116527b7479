package io.nodeward.authorizer.domain;

/** A provisioned node: who owns it and where its requests go. Deprovisioned nodes are absent from the allow-list. */
public record NodeRecord(String nodeId, String ownerUserId, String upstreamUrl) {
}
