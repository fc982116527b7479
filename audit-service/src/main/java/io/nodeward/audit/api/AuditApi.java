package io.nodeward.audit.api;

import io.nodeward.audit.app.LogExport;
import io.nodeward.audit.app.LogIntegrity;
import io.nodeward.audit.app.LogProofs;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.domain.log.VerifierKey;
import io.nodeward.kit.http.RequestIds;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** The audit service's HTTP routes; everything under /v1/audit needs a Cognito token. */
public final class AuditApi {

  /** What the routes read and verify with: the use cases and the log's verifier key. */
  public record UseCases(TrailQueries queries, LogProofs proofs, LogExport logExport, LogIntegrity integrity, VerifierKey key,
      ExportSlots exports) {
  }

  private AuditApi() {
  }

  public static Router router(Vertx vertx, UseCases app, CognitoAuthHandler auth, CursorCodec cursors, Clock clock) {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds.create());
    router.route("/v1/audit/*").handler(auth);
    router.get("/v1/audit/events").handler(new EventsHandler(app.queries(), cursors));
    router.get("/v1/audit/events/:sequence").handler(new EventHandler(app.queries()));
    router.get("/v1/audit/summary").handler(new SummaryHandler(app.queries(), clock));
    router.get("/v1/audit/export").handler(new ExportHandler(app.queries(), app.exports()));
    router.get("/v1/audit/verify").handler(new VerifyHandler(app.integrity()));
    router.get("/v1/audit/log/checkpoint").handler(new CheckpointHandler(app.proofs()));
    router.get("/v1/audit/log/key").handler(new KeyHandler(app.key()));
    router.get("/v1/audit/log/proof/inclusion").handler(new InclusionProofHandler(app.proofs()));
    router.get("/v1/audit/log/proof/consistency").handler(new ConsistencyProofHandler(app.proofs()));
    router.get("/v1/audit/log/export").handler(new LogExportHandler(app.logExport(), app.exports()));
    router.route().failureHandler(ProblemHandler.create());
    return router;
  }
}
