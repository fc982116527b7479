package io.nodeward.audit.api;

import io.nodeward.audit.app.TrailQueries;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** GET /v1/audit/verify (auditors, admins): recomputes the whole kept chain and checks every checkpoint. */
final class VerifyHandler implements Handler<RoutingContext> {

  private final TrailQueries queries;

  VerifyHandler(TrailQueries queries) {
    this.queries = queries;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Access.requireAuditor(CognitoAuthHandler.principal(ctx));
    queries.verify()
        .onSuccess(report -> Responses.json(ctx, 200, RecordJson.verification(report)))
        .onFailure(ctx::fail);
  }
}
