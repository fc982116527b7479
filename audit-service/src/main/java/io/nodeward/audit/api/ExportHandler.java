package io.nodeward.audit.api;

import io.nodeward.audit.app.TrailQueries;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ExportFormat;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /v1/audit/export?format=ndjson|csv plus the filters of /events: the whole matching range, oldest first,
 * streamed from a database cursor into a chunked response at the pace the client reads.
 */
final class ExportHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ExportHandler.class);

  private final TrailQueries queries;
  private final ExportSlots slots;

  ExportHandler(TrailQueries queries, ExportSlots slots) {
    this.queries = queries;
    this.slots = slots;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ExportFormat format = Requests.parse(() -> ExportFormat.parse(ctx.queryParams().get("format")));
    Principal caller = CognitoAuthHandler.principal(ctx);
    AuditQuery query = Access.scope(caller, Requests.parse(() -> AuditQuery.parseExport(Requests.params(ctx))));
    ExportSlots.Slot slot = Requests.exportSlot(ctx, slots, caller);
    HttpServerResponse response = Responses.noStore(ctx.response())
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, format.mediaType())
        .putHeader("Content-Disposition", "attachment; filename=\"nodeward-audit." + format.extension() + "\"");
    ChunkedStream stream = new ChunkedStream(response, slots);
    stream.start(format.header());
    queries.export(query, record -> stream.write(format.line(record)))
        .onComplete(done -> slot.release())
        .compose(count -> stream.finish())
        .onFailure(e -> {
          LOG.warn("export ended early: {}", e.getMessage());
          ctx.fail(e);
        });
  }
}
