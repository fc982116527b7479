package io.nodeward.authorizer.api;

import io.nodeward.authorizer.app.AllowListStatus;
import io.nodeward.authorizer.app.DecisionRecorder;
import io.nodeward.kit.http.RequestIds;
import io.nodeward.kit.health.Check;
import io.nodeward.kit.health.HealthChecks;
import io.nodeward.kit.http.ProblemHandler;
import io.nodeward.kit.http.Problems;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * The admin port's routes: health and Prometheus metrics. The admin port is plain HTTP and unauthenticated, so it
 * decides nothing: {@code POST /authorize} here is refused (403 AUTHORIZE_REQUIRES_MTLS) in every profile, without
 * reading the body or recording a decision; it is served on the mutual-TLS listener ({@link AuthorizeApi}).
 */
public final class AdminApi {

  private AdminApi() {
  }

  public static Router router(Vertx vertx, AllowListStatus allowList, DecisionRecorder recorder,
      AuthorizerMetrics metrics, Clock clock) {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds.create());
    router.post("/authorize").handler(ctx -> ctx.fail(Problems.forbidden("AUTHORIZE_REQUIRES_MTLS",
        "POST /authorize is answered only on the mutual-TLS authorize listener, to a configured caller.")));
    router.get("/health").handler(new HealthHandler(allowList, recorder, clock)); // the authorizer's detailed body
    // /health/live and /health/ready in the shape every nodeward service answers (minimal edit, issue 15.4)
    HealthChecks.create(vertx, "authorizer")
        .check("allowList", () -> {
          boolean fresh = allowList.freshness().isFresh(clock.instant());
          return Check.of(fresh && allowList.consumerRunning(), new JsonObject().put("fresh", fresh)
              .put("consumerRunning", allowList.consumerRunning()).put("lag", allowList.lag()));
        })
        .check("decisions", () -> Check.up(new JsonObject().put("kafkaDegraded", recorder.degraded())
            .put("spooledEvents", recorder.backlogEvents())))
        .mount(router);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    router.route().failureHandler(ProblemHandler.create());
    router.errorHandler(404, ProblemHandler.create());
    router.errorHandler(405, ProblemHandler.create());
    return router;
  }
}
