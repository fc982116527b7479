package io.nodeward.issuer.api;

import io.nodeward.events.Identifiers;
import io.nodeward.issuer.app.NodeDirectory;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/nodes/:nodeId}: one node; someone else's answers 404 exactly like one that does not exist. */
final class GetNodeHandler implements Handler<RoutingContext> {

  private final NodeDirectory nodes;

  GetNodeHandler(NodeDirectory nodes) {
    this.nodes = nodes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    String nodeId = ctx.pathParam("nodeId");
    if (!Identifiers.isNodeId(nodeId)) {
      throw Problems.badRequest("INVALID_NODE_ID", "nodeId must be a DNS label: a-z, 0-9 and inner '-', 1 to 63 characters.");
    }
    Responses.json(ctx, 200, Representations.node(nodes.find(principal, nodeId).orElseThrow(IssuerProblems::unknownNode)));
  }
}
