package io.nodeward.audit.api;

import io.nodeward.audit.app.LogProofs;
import io.nodeward.audit.domain.LogRequests;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** GET /v1/audit/log/checkpoint[?treeSize=]: the newest signed note (or the one of that size), text/plain. */
final class CheckpointHandler implements Handler<RoutingContext> {

  private final LogProofs proofs;

  CheckpointHandler(LogProofs proofs) {
    this.proofs = proofs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Long treeSize = Requests.parse(() -> LogRequests.treeSize(Requests.params(ctx)));
    proofs.checkpoint(treeSize)
        .onSuccess(note -> Responses.noStore(ctx.response())
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
            .end(note.note()))
        .onFailure(e -> Requests.fail(ctx, e));
  }
}
