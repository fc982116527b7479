package io.nodeward.console.web;

import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.client.IssuerClient;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.NodesView;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** {@code GET /nodes}: the nodes the user owns (an admin: every node, with owners). */
final class NodesPage implements Handler<RoutingContext> {

  private final Pages pages;
  private final IssuerClient issuer;

  NodesPage(Pages pages, IssuerClient issuer) {
    this.pages = pages;
    this.issuer = issuer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    issuer.allNodes(user.accessToken()).onSuccess(nodes -> {
      Instant now = pages.clock().instant();
      var rows = nodes.stream().map(n -> new NodesView.Row(n.nodeId(), n.ownerUserId(), n.upstreamUrl(),
          Relative.utc(n.provisionedAt()), Relative.from(now, n.provisionedAt()))).toList();
      pages.render(ctx, 200, "nodes.jte", new NodesView(pages.chrome(ctx, user.isAdmin() ? "All nodes" : "My nodes", "nodes"),
          rows, user.isAdmin()));
    }).onFailure(ctx::fail);
  }
}
