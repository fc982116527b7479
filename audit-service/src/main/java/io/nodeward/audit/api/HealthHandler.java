package io.nodeward.audit.api;

import io.nodeward.audit.app.TrailQueries;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * GET /health (no token): UP with the chain head and ingest counters (applied, dead-lettered, failed batches),
 * or 503 when the database cannot be read. Carries no record content.
 */
final class HealthHandler implements Handler<RoutingContext> {

  private final TrailQueries queries;
  private final Supplier<JsonObject> ingestStatus;

  HealthHandler(TrailQueries queries, Supplier<JsonObject> ingestStatus) {
    this.queries = queries;
    this.ingestStatus = ingestStatus;
  }

  @Override
  public void handle(RoutingContext ctx) {
    queries.head().onComplete(head -> {
      JsonObject body = new JsonObject().put("ingest", ingestStatus.get());
      if (head.succeeded()) {
        body.put("status", "UP").put("head", new JsonObject()
            .put("sequence", head.result().sequence()).put("hash", head.result().hash()));
        ctx.response().setStatusCode(200);
      } else {
        body.put("status", "DOWN").put("store", "unreachable");
        ctx.response().setStatusCode(503);
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(body.encode());
    });
  }
}
