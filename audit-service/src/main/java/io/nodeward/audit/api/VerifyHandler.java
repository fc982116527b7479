package io.nodeward.audit.api;

import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.store.AuditRepository;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** GET /v1/audit/verify (auditors, admins): recomputes the whole kept chain and checks every checkpoint. */
final class VerifyHandler implements Handler<RoutingContext> {

  private final AuditRepository repository;
  private final ChainVerifier verifier;

  VerifyHandler(AuditRepository repository, ChainVerifier verifier) {
    this.repository = repository;
    this.verifier = verifier;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Access.requireAuditor(CognitoAuthHandler.principal(ctx));
    repository.verify(verifier)
        .onSuccess(report -> ctx.json(RecordJson.verification(report)))
        .onFailure(ctx::fail);
  }
}
