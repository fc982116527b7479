package io.nodeward.authorizer.api;

import io.nodeward.authorizer.app.AccessAuthorization;
import io.nodeward.authorizer.config.AuthorizeApiSettings;
import io.nodeward.authorizer.domain.AuthorizeCallers;
import io.nodeward.kit.http.RateLimiter;
import io.nodeward.kit.http.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The mutual-TLS listener's one route (issue 13.3): {@code POST /authorize} for the configured callers only, each
 * within its rate; the body is read only once the caller is known, into memory (no upload directory), bounded.
 */
public final class AuthorizeApi {

  static final long MAX_EVENT_BYTES = 64 * 1024;
  /** Callers are a handful of configured identities; the bound only keeps memory finite. */
  private static final int MAX_TRACKED_CALLERS = 1024;

  private AuthorizeApi() {
  }

  public static Router router(Vertx vertx, AccessAuthorization authorization, AuthorizeApiSettings settings,
      String trustDomain) {
    Router router = Router.router(vertx);
    router.post("/authorize")
        .handler(new AuthorizeCallerCheck(new AuthorizeCallers(settings.callers()),
            new RateLimiter(settings.ratePerSecond(), MAX_TRACKED_CALLERS)))
        .handler(BodyHandler.create(false).setBodyLimit(MAX_EVENT_BYTES))
        .handler(new AuthorizeHandler(authorization, trustDomain));
    router.route().failureHandler(ProblemHandler.create());
    router.errorHandler(404, ProblemHandler.create());
    router.errorHandler(405, ProblemHandler.create());
    return router;
  }
}
