package io.nodeward.audit.api;

import io.nodeward.audit.app.LogProofs;
import io.nodeward.audit.domain.LogRequests;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** GET /v1/audit/log/proof/consistency?from=…[&amp;to=]: RFC 9162 PROOF(from, D[to]); hashes only, for anyone signed in. */
final class ConsistencyProofHandler implements Handler<RoutingContext> {

  private final LogProofs proofs;

  ConsistencyProofHandler(LogProofs proofs) {
    this.proofs = proofs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    LogRequests.Consistency request = Requests.parse(() -> LogRequests.consistency(Requests.params(ctx)));
    proofs.consistency(request.from(), request.to())
        .onSuccess(proof -> Responses.json(ctx, 200, RecordJson.consistency(proof)))
        .onFailure(e -> Requests.fail(ctx, e));
  }
}
