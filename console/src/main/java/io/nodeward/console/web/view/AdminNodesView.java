package io.nodeward.console.web.view;

import java.util.List;

/** Provisioning: the form for a new node (with what was typed and what was wrong) and every node. */
public record AdminNodesView(Chrome chrome, String nodeId, String ownerUserId, String upstreamUrl, List<String> errors,
    List<NodesView.Row> nodes) {
}
