package io.nodeward.audit.api;

import io.nodeward.audit.app.LogExport;
import io.nodeward.audit.domain.LogRequests;
import io.nodeward.kit.auth.CognitoAuthHandler;
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

  LogExportHandler(LogExport export) {
    this.export = export;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Access.requireAuditor(CognitoAuthHandler.principal(ctx));
    Long treeSize = Requests.parse(() -> LogRequests.treeSize(Requests.params(ctx)));
    export.note(treeSize).onFailure(e -> Requests.fail(ctx, e)).onSuccess(note -> {
      HttpServerResponse response = Responses.noStore(ctx.response())
          .setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson")
          .putHeader("Content-Disposition", "attachment; filename=\"nodeward-audit-log-" + note.treeSize() + ".ndjson\"");
      ChunkedStream stream = new ChunkedStream(response);
      export.export(note, stream::write)
          .compose(count -> stream.finish())
          .onFailure(e -> {
            LOG.warn("log export ended early: {}", e.getMessage());
            ctx.fail(e);
          });
    });
  }
}
