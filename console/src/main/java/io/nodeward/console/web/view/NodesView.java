package io.nodeward.console.web.view;

import java.util.List;

/** My nodes (an admin sees every node, with its owner). */
public record NodesView(Chrome chrome, List<Row> nodes, boolean showOwner) {

  public record Row(String nodeId, String ownerUserId, String upstreamUrl, String provisionedAt, String provisionedAgo) {
  }
}
