package io.nodeward.issuer.api;

import io.nodeward.issuer.domain.Node;
import io.nodeward.issuer.domain.NodeQuery;
import io.nodeward.issuer.app.NodeDirectory;
import io.nodeward.issuer.domain.Page;
import io.nodeward.issuer.domain.PageCursors;
import io.nodeward.events.Identifiers;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** {@code GET /v1/nodes?ownerUserId=&limit=&cursor=}: the caller's nodes (an admin's: all), in nodeId order. */
final class ListNodesHandler implements Handler<RoutingContext> {

  private static final Set<String> PARAMETERS = Set.of("ownerUserId", "limit", "cursor");

  private final NodeDirectory nodes;
  private final PageCursors cursors;

  ListNodesHandler(NodeDirectory nodes, PageCursors cursors) {
    this.nodes = nodes;
    this.cursors = cursors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    QueryParameters params = QueryParameters.parse(ctx, PARAMETERS);
    String after = params.cursor(cursors, PageCursors.Kind.NODES)
        .map(position -> {
          if (!Identifiers.isNodeId(position)) {
            throw QueryParameters.invalidCursor();
          }
          return position;
        })
        .orElse(null);
    Page<Node, String> page = nodes.page(new NodeQuery(principal.userId(), principal.isAdmin(),
        params.userId("ownerUserId"), after, params.limit()));
    JsonArray array = new JsonArray();
    page.items().forEach(n -> array.add(Representations.node(n)));
    Responses.json(ctx, 200, new JsonObject()
        .put("nodes", array)
        .put("nextCursor", page.next().map(p -> cursors.encode(PageCursors.Kind.NODES, p)).orElse(null)));
  }
}
