package io.nodeward.issuer.api;

import io.nodeward.events.Identifiers;
import io.nodeward.issuer.app.NodeAdministration;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Set;

/** {@code POST /v1/admin/nodes {nodeId, ownerUserId, upstreamUrl}} (admin): 201 created, 200 unchanged. */
final class ProvisionNodeHandler implements Handler<RoutingContext> {

  private static final Set<String> FIELDS = Set.of("nodeId", "ownerUserId", "upstreamUrl");

  private final NodeAdministration administration;

  ProvisionNodeHandler(NodeAdministration administration) {
    this.administration = administration;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    if (!principal.isAdmin()) {
      throw IssuerProblems.forbiddenUnlessAdmin();
    }
    JsonBody body = JsonBody.parse(ctx, FIELDS, false);
    String nodeId = body.requiredString("nodeId", 63);
    String ownerUserId = body.requiredString("ownerUserId", 128);
    String upstreamUrl = body.requiredString("upstreamUrl", 2048);
    if (!Identifiers.isNodeId(nodeId)) {
      throw Problems.badRequest("INVALID_NODE_ID", "nodeId must be a DNS label: a-z, 0-9 and inner '-', 1 to 63 characters.");
    }
    if (!Identifiers.isUserId(ownerUserId)) {
      throw Problems.badRequest("INVALID_USER_ID", "ownerUserId must be a Cognito sub or username (a-z A-Z 0-9 '-' '_').");
    }
    requireUpstreamUrl(upstreamUrl);
    administration.provision(principal, nodeId, ownerUserId, upstreamUrl)
        .onSuccess(p -> {
          ctx.response().putHeader("Location", "/v1/nodes/" + p.node().nodeId());
          Responses.json(ctx, p.created() ? 201 : 200, Representations.node(p.node()));
        })
        .onFailure(e -> IssuerProblems.fail(ctx, e));
  }

  /** An absolute http(s) URL without credentials or fragment: the authorizer proxies to it verbatim. */
  private static void requireUpstreamUrl(String value) {
    try {
      URI uri = new URI(value);
      boolean ok = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
      if (ok) {
        return;
      }
    } catch (java.net.URISyntaxException e) {
      // refused below
    }
    throw Problems.badRequest("INVALID_UPSTREAM_URL", "upstreamUrl must be an absolute http(s) URL without user info or fragment.");
  }
}
