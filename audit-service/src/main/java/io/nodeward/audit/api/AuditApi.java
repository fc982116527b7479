package io.nodeward.audit.api;

import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.store.AuditRepository;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.function.Supplier;

/** The audit service's HTTP routes; everything under /v1/audit needs a Cognito token. */
public final class AuditApi {

  private AuditApi() {
  }

  public static Router router(Vertx vertx, AuditRepository repository, CognitoAuthHandler auth, CursorCodec cursors,
      ChainVerifier verifier, Supplier<JsonObject> ingestStatus, Clock clock) {
    Router router = Router.router(vertx);
    router.get("/health").handler(new HealthHandler(repository, ingestStatus));
    router.route("/v1/audit/*").handler(auth);
    router.get("/v1/audit/events").handler(new EventsHandler(repository, cursors));
    router.get("/v1/audit/summary").handler(new SummaryHandler(repository, clock));
    router.get("/v1/audit/export").handler(new ExportHandler(repository));
    router.get("/v1/audit/verify").handler(new VerifyHandler(repository, verifier));
    router.route().failureHandler(ProblemHandler.create());
    return router;
  }
}
