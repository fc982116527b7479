package io.nodeward.authorizer.api;

import io.nodeward.authorizer.app.AccessAuthorization;
import io.nodeward.authorizer.app.AllowListStatus;
import io.nodeward.authorizer.app.DecisionRecorder;
import io.nodeward.kit.http.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/** The admin port's routes: the API Gateway authorizer endpoint, health and Prometheus metrics. */
public final class AdminApi {

  private static final long MAX_EVENT_BYTES = 64 * 1024;

  private AdminApi() {
  }

  public static Router router(Vertx vertx, AccessAuthorization authorization, AllowListStatus allowList,
      DecisionRecorder recorder, AuthorizerMetrics metrics, Clock clock, String trustDomain) {
    Router router = Router.router(vertx);
    router.post("/authorize")
        .handler(BodyHandler.create().setBodyLimit(MAX_EVENT_BYTES))
        .handler(new AuthorizeHandler(authorization, trustDomain));
    router.get("/health").handler(new HealthHandler(allowList, recorder, clock));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    router.route().failureHandler(ProblemHandler.create());
    router.errorHandler(404, ProblemHandler.create());
    router.errorHandler(405, ProblemHandler.create());
    return router;
  }
}
