package io.nodeward.audit.api;

import io.nodeward.audit.app.LogIntegrity;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /v1/audit/verify (auditors, admins): re-hashes every kept record, rebuilds the tree and checks it against
 * every stored checkpoint and the newest one published outside the database.
 */
final class VerifyHandler implements Handler<RoutingContext> {

  private final LogIntegrity integrity;

  VerifyHandler(LogIntegrity integrity) {
    this.integrity = integrity;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Access.requireAuditor(CognitoAuthHandler.principal(ctx));
    integrity.verify()
        .onSuccess(report -> Responses.json(ctx, 200, RecordJson.verification(report)))
        .onFailure(ctx::fail);
  }
}
