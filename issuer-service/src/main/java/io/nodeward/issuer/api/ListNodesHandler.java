package io.nodeward.issuer.api;

import io.nodeward.issuer.domain.Node;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /v1/nodes}: the caller's nodes; an admin sees every node. */
final class ListNodesHandler implements Handler<RoutingContext> {

  private final NodeRegistry nodes;

  ListNodesHandler(NodeRegistry nodes) {
    this.nodes = nodes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    List<Node> visible = principal.isAdmin() ? nodes.all() : nodes.ownedBy(principal.userId());
    JsonArray array = new JsonArray();
    visible.forEach(n -> array.add(Representations.node(n)));
    Responses.json(ctx, 200, new JsonObject().put("nodes", array));
  }
}
