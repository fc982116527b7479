package io.nodeward.audit.api;

import io.nodeward.audit.app.LogExport;
import io.nodeward.audit.domain.LogRequests;
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
 * GET /v1/audit/log/export[?treeSize=] (auditors, admins): exactly the first N leaves with the signed note for N,
 * NDJSON, verifiable with no server. N must be a signed size.
 */
final class LogExportHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(LogExportHandler.class);

  private final LogExport export;
  private final ExportSlots slots;

  LogExportHandler(LogExport export, ExportSlots slots) {
    this.export = export;
    this.slots = slots;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal caller = CognitoAuthHandler.principal(ctx);
    Access.requireAuditor(caller);
    Long treeSize = Requests.parse(() -> LogRequests.treeSize(Requests.params(ctx)));
    export.note(treeSize).onFailure(e -> Requests.fail(ctx, e)).onSuccess(note -> {
      ExportSlots.Slot slot;
      try {
        slot = Requests.exportSlot(ctx, slots, caller);
      } catch (RuntimeException refused) {
        ctx.fail(refused);
        return;
      }
      HttpServerResponse response = Responses.noStore(ctx.response())
          .setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson")
          .putHeader("Content-Disposition", "attachment; filename=\"nodeward-audit-log-" + note.treeSize() + ".ndjson\"");
      ChunkedStream stream = new ChunkedStream(response, slots);
      export.export(note, stream::write)
          .onComplete(done -> slot.release())
          .compose(count -> stream.finish())
          .onFailure(e -> {
            LOG.warn("log export ended early: {}", e.getMessage());
            ctx.fail(e);
          });
    });
  }
}
