package io.nodeward.audit.api;

import io.nodeward.audit.store.AuditRepository;
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

  private final AuditRepository repository;
  private final Supplier<JsonObject> ingestStatus;

  HealthHandler(AuditRepository repository, Supplier<JsonObject> ingestStatus) {
    this.repository = repository;
    this.ingestStatus = ingestStatus;
  }

  @Override
  public void handle(RoutingContext ctx) {
    repository.head().onComplete(head -> {
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
