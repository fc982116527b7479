package io.nodeward.issuer.api;

import io.nodeward.events.CertificateStatus;
import io.nodeward.issuer.domain.CertificateQuery;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.app.CertificateInventory;
import io.nodeward.issuer.domain.Page;
import io.nodeward.issuer.domain.PageCursors;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code GET /v1/certificates?nodeId=&status=&expiringWithin=&serial=&userId=&limit=&cursor=}: the inventory,
 * one keyset page at a time ({certificates, nextCursor}); the caller's own certificates, an admin's all.
 */
final class ListCertificatesHandler implements Handler<RoutingContext> {

  private static final Set<String> PARAMETERS =
      Set.of("nodeId", "status", "expiringWithin", "serial", "userId", "limit", "cursor");

  private final CertificateInventory inventory;
  private final PageCursors cursors;

  ListCertificatesHandler(CertificateInventory inventory, PageCursors cursors) {
    this.inventory = inventory;
    this.cursors = cursors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    QueryParameters params = QueryParameters.parse(ctx, PARAMETERS);
    CertificateQuery.Position after = params.cursor(cursors, PageCursors.Kind.CERTIFICATES)
        .map(token -> CertificateQuery.Position.parse(token).orElseThrow(QueryParameters::invalidCursor))
        .orElse(null);
    CertificateQuery query = new CertificateQuery(principal.userId(), principal.isAdmin(), params.userId("userId"),
        params.nodeId("nodeId"), status(params.raw("status")), params.duration("expiringWithin"),
        params.serial("serial"), after, params.limit());
    CertificateInventory.Listed listed = inventory.page(query);
    Page<CertificateRecord, CertificateQuery.Position> page = listed.page();
    JsonArray array = new JsonArray();
    page.items().forEach(c -> array.add(Representations.certificate(c, listed.at())));
    Responses.json(ctx, 200, new JsonObject()
        .put("certificates", array)
        .put("nextCursor", page.next().map(p -> cursors.encode(PageCursors.Kind.CERTIFICATES, p.token())).orElse(null)));
  }

  private static CertificateStatus status(String value) {
    if (value == null) {
      return null;
    }
    for (CertificateStatus status : CertificateStatus.values()) {
      if (status.name().equalsIgnoreCase(value)) {
        return status;
      }
    }
    throw Problems.badRequest("INVALID_STATUS", "status must be active, revoked or expired.");
  }
}
