package io.nodeward.kit.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: every route's failure handler. Known refusals keep
 * their status and code; anything unexpected is logged here (once, with its stack) and answered 500 with
 * a body that says nothing about the internals.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  public static ProblemHandler create() {
    return new ProblemHandler();
  }

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Responses.problem(ctx, problem);
  }

  private static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException pe) {
      return pe.problem();
    }
    if (failure instanceof DecodeException || failure instanceof IllegalArgumentException && failure.getCause() instanceof DecodeException) {
      return Problems.malformedJson().problem();
    }
    int status = failure instanceof HttpException he ? he.getStatusCode() : ctx.statusCode();
    if (failure == null || failure instanceof HttpException) {
      return byStatus(status);
    }
    LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
    return new Problem(500, "INTERNAL_ERROR", "Internal server error", "The request could not be completed.");
  }

  static Problem byStatus(int status) {
    return switch (status) {
      case 400 -> new Problem(400, "BAD_REQUEST", "Bad request", "The request could not be understood.");
      case 401 -> new Problem(401, "UNAUTHORIZED", "Unauthorized", "Authentication is required.");
      case 403 -> new Problem(403, "FORBIDDEN", "Forbidden", "This action is not allowed.");
      case 404 -> new Problem(404, "NOT_FOUND", "Not found", "No such resource.");
      case 405 -> new Problem(405, "METHOD_NOT_ALLOWED", "Method not allowed", "This resource does not accept that method.");
      case 406 -> new Problem(406, "NOT_ACCEPTABLE", "Not acceptable", "No representation matches the Accept header.");
      case 413 -> new Problem(413, "BODY_TOO_LARGE", "Payload too large", "The request body exceeds the limit.");
      case 415 -> new Problem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", "Send application/json.");
      case 503 -> new Problem(503, "UNAVAILABLE", "Service unavailable", "Try again shortly.");
      default -> status >= 400 && status < 600
          ? new Problem(status, "HTTP_" + status, "Request failed", null)
          : new Problem(500, "INTERNAL_ERROR", "Internal server error", "The request could not be completed.");
    };
  }
}
