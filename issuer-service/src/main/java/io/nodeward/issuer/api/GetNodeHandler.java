package io.nodeward.issuer.api;

import io.nodeward.events.Identifiers;
import io.nodeward.issuer.domain.NodeQuery;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/nodes/:nodeId}: one node; someone else's answers 404 exactly like one that does not exist. */
final class GetNodeHandler implements Handler<RoutingContext> {

  private final NodeRegistry nodes;

  GetNodeHandler(NodeRegistry nodes) {
    this.nodes = nodes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    String nodeId = ctx.pathParam("nodeId");
    if (!Identifiers.isNodeId(nodeId)) {
      throw Problems.badRequest("INVALID_NODE_ID", "nodeId must be a DNS label: a-z, 0-9 and inner '-', 1 to 63 characters.");
    }
    Responses.json(ctx, 200, Representations.node(nodes.find(nodeId)
        .filter(n -> NodeQuery.visible(n, principal.userId(), principal.isAdmin()))
        .orElseThrow(() -> IssuerProblems.unknownNode())));
  }
}
