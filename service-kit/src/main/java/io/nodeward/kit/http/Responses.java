package io.nodeward.kit.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The response shapes every nodeward API writes the same way. Every answer carrying state (a certificate, a
 * key, a health status, an audit record) is {@code Cache-Control: no-store}: none of it may sit in a shared or
 * browser cache (RFC 9111 §5.2.2.5).
 */
public final class Responses {

  public static final String JSON = "application/json";
  public static final String NO_STORE = "no-store";

  private Responses() {
  }

  /** Adds {@code Cache-Control: no-store} and hands the response back. */
  public static HttpServerResponse noStore(HttpServerResponse response) {
    return response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
  }

  public static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    return json(ctx.response(), status, body.encode());
  }

  public static Future<Void> json(RoutingContext ctx, int status, JsonArray body) {
    return json(ctx.response(), status, body.encode());
  }

  /** An already encoded JSON document. */
  public static Future<Void> json(HttpServerResponse response, int status, String encodedJson) {
    return noStore(response)
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(encodedJson);
  }

  /** An RFC 9457 problem body for this request, outside a failure handler (which uses {@link ProblemHandler}). */
  public static Future<Void> problem(RoutingContext ctx, Problem problem) {
    return noStore(ctx.response())
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(problem.toJson(ctx.request().path()).encode());
  }
}
