package io.nodeward.console.web;

import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.client.ApiProblem;
import io.nodeward.console.client.IssuerClient;
import io.nodeward.console.domain.ConsoleProblem;
import io.nodeward.console.domain.Node;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.AdminNodesView;
import io.nodeward.console.web.view.DeprovisionView;
import io.nodeward.console.web.view.NodesView;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/** Provisioning for admins: {@code /admin/nodes} (every node, the form), provision, and deprovision with confirmation. */
final class AdminPages {

  private final Pages pages;
  private final IssuerClient issuer;

  AdminPages(Pages pages, IssuerClient issuer) {
    this.pages = pages;
    this.issuer = issuer;
  }

  private static SignedInUser admin(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    if (!user.isAdmin()) {
      throw ConsoleProblem.forbidden("ADMIN_REQUIRED", "Provisioning is for admins.");
    }
    return user;
  }

  void list(RoutingContext ctx) {
    SignedInUser user = admin(ctx);
    render(ctx, user, 200, null, null, null, List.of());
  }

  void provision(RoutingContext ctx) {
    SignedInUser user = admin(ctx);
    String nodeId = Links.form(ctx, "nodeId");
    String owner = Links.form(ctx, "ownerUserId");
    String upstream = Links.form(ctx, "upstreamUrl");
    if (nodeId == null || owner == null || upstream == null) {
      render(ctx, user, 400, nodeId, owner, upstream, List.of("Fill in the node id, the owner's user id and the upstream URL."));
      return;
    }
    issuer.provision(user.accessToken(), nodeId, owner, upstream).onSuccess(node -> {
      Pages.flash(ctx, "success", "Node " + node.nodeId() + " is provisioned for " + node.ownerUserId() + ".");
      ctx.response().setStatusCode(303).putHeader("Location", "/admin/nodes").end();
    }).onFailure(e -> {
      if (e instanceof ApiProblem problem && problem.status() >= 400 && problem.status() < 500 && problem.status() != 401) {
        render(ctx, user, problem.status(), nodeId, owner, upstream, List.of(problem.sentence() + " (" + problem.code() + ")"));
      } else {
        ctx.fail(e);
      }
    });
  }

  void confirm(RoutingContext ctx) {
    SignedInUser user = admin(ctx);
    issuer.node(user.accessToken(), ctx.pathParam("nodeId")).onSuccess(node -> pages.render(ctx, 200, "deprovision.jte",
        new DeprovisionView(pages.chrome(ctx, "Deprovision " + node.nodeId(), "admin"), node.nodeId(), node.ownerUserId())))
        .onFailure(ctx::fail);
  }

  void deprovision(RoutingContext ctx) {
    SignedInUser user = admin(ctx);
    String nodeId = ctx.pathParam("nodeId");
    issuer.deprovision(user.accessToken(), nodeId).onSuccess(v -> {
      Pages.flash(ctx, "success", "Node " + nodeId + " is deprovisioned; its certificates no longer work.");
      ctx.response().setStatusCode(303).putHeader("Location", "/admin/nodes").end();
    }).onFailure(ctx::fail);
  }

  private void render(RoutingContext ctx, SignedInUser user, int status, String nodeId, String owner, String upstream,
      List<String> errors) {
    issuer.allNodes(user.accessToken()).onSuccess(nodes -> {
      Instant now = pages.clock().instant();
      List<NodesView.Row> rows = nodes.stream().map((Node n) -> new NodesView.Row(n.nodeId(), n.ownerUserId(), n.upstreamUrl(),
          Relative.utc(n.provisionedAt()), Relative.from(now, n.provisionedAt()))).toList();
      pages.render(ctx, status, "admin-nodes.jte", new AdminNodesView(pages.chrome(ctx, "Provisioning", "admin"), nodeId, owner,
          upstream, errors, rows));
    }).onFailure(ctx::fail);
  }
}
