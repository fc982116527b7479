package io.nodeward.issuer.app;

import io.nodeward.issuer.domain.Node;
import io.nodeward.issuer.domain.NodeQuery;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.domain.Page;
import io.nodeward.kit.auth.Principal;
import java.util.Optional;

/** Reading nodes: a page of the caller's (an admin's: all), or one node; someone else's is "not found". */
public final class NodeDirectory {

  private final NodeRegistry nodes;

  public NodeDirectory(NodeRegistry nodes) {
    this.nodes = nodes;
  }

  public Page<Node, String> page(NodeQuery query) {
    return nodes.page(query);
  }

  public Optional<Node> find(Principal principal, String nodeId) {
    return nodes.find(nodeId).filter(n -> NodeQuery.visible(n, principal.userId(), principal.isAdmin()));
  }
}
