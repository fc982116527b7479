package io.nodeward.issuer.api;

import io.nodeward.events.CertificateStatus;
import io.nodeward.events.Identifiers;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** {@code GET /v1/certificates?nodeId=&status=}: the caller's certificates with their status; admins see all. */
final class ListCertificatesHandler implements Handler<RoutingContext> {

  private static final Set<String> PARAMETERS = Set.of("nodeId", "status");

  private final CertificateRegistry certificates;
  private final Clock clock;

  ListCertificatesHandler(CertificateRegistry certificates, Clock clock) {
    this.certificates = certificates;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    for (String name : ctx.queryParams().names()) {
      if (!PARAMETERS.contains(name) || ctx.queryParams().getAll(name).size() > 1) {
        throw Problems.badRequest("INVALID_QUERY", "Accepted query parameters, once each: " + PARAMETERS + ".");
      }
    }
    String nodeId = ctx.queryParams().get("nodeId");
    if (nodeId != null && !Identifiers.isNodeId(nodeId)) {
      throw Problems.badRequest("INVALID_NODE_ID", "nodeId must be a DNS label: a-z, 0-9 and inner '-', 1 to 63 characters.");
    }
    CertificateStatus status = status(ctx.queryParams().get("status"));
    Instant now = clock.instant();
    JsonArray array = new JsonArray();
    certificates.list(principal.userId(), principal.isAdmin(), nodeId, status, now)
        .forEach(c -> array.add(Representations.certificate(c, now)));
    Responses.json(ctx, 200, new JsonObject().put("certificates", array));
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
