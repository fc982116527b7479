package io.nodeward.audit.api;

import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** The audit service's HTTP routes; everything under /v1/audit needs a Cognito token. */
public final class AuditApi {

  private AuditApi() {
  }

  public static Router router(Vertx vertx, TrailQueries queries, CognitoAuthHandler auth, CursorCodec cursors,
      Clock clock) {
    Router router = Router.router(vertx);
    router.route("/v1/audit/*").handler(auth);
    router.get("/v1/audit/events").handler(new EventsHandler(queries, cursors));
    router.get("/v1/audit/summary").handler(new SummaryHandler(queries, clock));
    router.get("/v1/audit/export").handler(new ExportHandler(queries));
    router.get("/v1/audit/verify").handler(new VerifyHandler(queries));
    router.route().failureHandler(ProblemHandler.create());
    return router;
  }
}
