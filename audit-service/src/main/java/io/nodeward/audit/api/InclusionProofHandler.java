package io.nodeward.audit.api;

import io.nodeward.audit.app.LogProofs;
import io.nodeward.audit.domain.LogRequests;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /v1/audit/log/proof/inclusion?eventId=…|sequence=…[&amp;treeSize=]: the RFC 9162 audit path of one record.
 * Auditors and admins for any record; a node owner for their own, anything else is "not found".
 */
final class InclusionProofHandler implements Handler<RoutingContext> {

  private final LogProofs proofs;

  InclusionProofHandler(LogProofs proofs) {
    this.proofs = proofs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    LogRequests.Inclusion request = Requests.parse(() -> LogRequests.inclusion(Requests.params(ctx)));
    Principal caller = CognitoAuthHandler.principal(ctx);
    proofs.inclusion(caller, Access.seesEverything(caller),
            new LogProofs.Leaf(request.eventId(), request.source(), request.sequence()), request.treeSize())
        .onSuccess(proof -> Responses.json(ctx, 200, RecordJson.inclusion(proof)))
        .onFailure(e -> Requests.fail(ctx, e));
  }
}
