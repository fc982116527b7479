package io.nodeward.issuer.api;

import io.nodeward.events.Identifiers;
import io.nodeward.issuer.app.NodeAdministration;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code DELETE /v1/admin/nodes/:nodeId} (admin): every certificate for the node stops working. 200
 * {@code {nodeId, propagation: {confirmedBy, pending}}} once every live authorizer instance applied it, or 202
 * naming the instances still pending when the wait timed out.
 */
final class DeprovisionNodeHandler implements Handler<RoutingContext> {

  private final NodeAdministration administration;

  DeprovisionNodeHandler(NodeAdministration administration) {
    this.administration = administration;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    if (!principal.isAdmin()) {
      throw IssuerProblems.forbiddenUnlessAdmin();
    }
    String nodeId = ctx.pathParam("nodeId");
    if (!Identifiers.isNodeId(nodeId)) {
      throw Problems.badRequest("INVALID_NODE_ID", "nodeId must be a DNS label: a-z, 0-9 and inner '-', 1 to 63 characters.");
    }
    administration.deprovision(principal, nodeId)
        .onSuccess(p -> Responses.json(ctx, p.complete() ? 200 : 202,
            new JsonObject().put("nodeId", nodeId).put("propagation", Representations.propagation(p))))
        .onFailure(e -> IssuerProblems.fail(ctx, e));
  }
}
