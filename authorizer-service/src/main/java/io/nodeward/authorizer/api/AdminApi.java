package io.nodeward.authorizer.api;

import io.nodeward.authorizer.domain.ClientChainVerifier;
import io.nodeward.authorizer.app.DecisionSink;
import io.nodeward.authorizer.kafka.AllowList;
import io.nodeward.authorizer.kafka.DecisionPublisher;
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

  public static Router router(Vertx vertx, AllowList allowList, DecisionPublisher publisher, AuthorizerMetrics metrics,
      ClientChainVerifier verifier, DecisionSink sink, Clock clock, String trustDomain, String instanceId) {
    Router router = Router.router(vertx);
    router.post("/authorize")
        .handler(BodyHandler.create().setBodyLimit(MAX_EVENT_BYTES))
        .handler(new AuthorizeHandler(allowList, verifier, sink, clock, trustDomain, instanceId));
    router.get("/health").handler(new HealthHandler(allowList, publisher, clock));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    router.route().failureHandler(ProblemHandler.create());
    router.errorHandler(404, ProblemHandler.create());
    router.errorHandler(405, ProblemHandler.create());
    return router;
  }
}
