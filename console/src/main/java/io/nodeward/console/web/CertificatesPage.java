package io.nodeward.console.web;

import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.client.IssuerClient;
import io.nodeward.console.domain.Node;
import io.nodeward.console.web.view.CertificatesView;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /certificates?nodeId=&status=&cursor=}: the inventory, one page at a time, newest first. */
final class CertificatesPage implements Handler<RoutingContext> {

  static final int PAGE_SIZE = 25;

  private final Pages pages;
  private final IssuerClient issuer;

  CertificatesPage(Pages pages, IssuerClient issuer) {
    this.pages = pages;
    this.issuer = issuer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    String nodeId = Links.param(ctx, "nodeId");
    String status = Links.param(ctx, "status");
    String cursor = Links.param(ctx, "cursor");
    Future<List<Node>> nodes = issuer.allNodes(user.accessToken());
    var page = issuer.certificates(user.accessToken(), new IssuerClient.CertificateQuery(nodeId, status, cursor, PAGE_SIZE));
    Future.all(nodes, page).onSuccess(both -> {
      Instant now = pages.clock().instant();
      Map<String, String> filters = new LinkedHashMap<>();
      filters.put("nodeId", nodeId);
      filters.put("status", status);
      String next = null;
      if (page.result().hasMore()) {
        Map<String, String> q = new LinkedHashMap<>(filters);
        q.put("cursor", page.result().nextCursor());
        next = Links.to("/certificates", q);
      }
      pages.render(ctx, 200, "certificates.jte", new CertificatesView(pages.chrome(ctx, "Certificates", "certificates"),
          nodes.result().stream().map(Node::nodeId).toList(), nodeId, status,
          page.result().items().stream().map(c -> CertificateRows.row(c, now)).toList(),
          next, cursor == null ? null : Links.to("/certificates", filters), user.isAdmin()));
    }).onFailure(ctx::fail);
  }
}
