package io.nodeward.console.web.view;

/** The confirmation step of deprovisioning a node. */
public record DeprovisionView(Chrome chrome, String nodeId, String ownerUserId) {
}
