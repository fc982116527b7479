package io.nodeward.audit.api;

import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ExportFormat;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /v1/audit/export?format=ndjson|csv plus the filters of /events: the whole matching range, oldest first,
 * streamed from a database cursor into a chunked response. The worker reading the cursor waits whenever the
 * connection's write queue is full, so a slow client slows the read instead of filling memory.
 */
final class ExportHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ExportHandler.class);
  private static final int CHUNK_BYTES = 64 * 1024;

  private final TrailQueries queries;

  ExportHandler(TrailQueries queries) {
    this.queries = queries;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ExportFormat format = Requests.parse(() -> ExportFormat.parse(ctx.queryParams().get("format")));
    AuditQuery query = Access.scope(CognitoAuthHandler.principal(ctx),
        Requests.parse(() -> AuditQuery.parseExport(Requests.params(ctx))));
    HttpServerResponse response = Responses.noStore(ctx.response())
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, format.mediaType())
        .putHeader("Content-Disposition", "attachment; filename=\"nodeward-audit." + format.extension() + "\"");
    Stream stream = new Stream(response, format);
    response.closeHandler(v -> stream.gone.set(true));
    queries.export(query, stream::accept)
        .compose(count -> stream.finish())
        .onFailure(e -> {
          LOG.warn("export ended early: {}", e.getMessage());
          ctx.fail(e);
        });
  }

  /** Runs on the worker reading the cursor. */
  private static final class Stream {
    private final HttpServerResponse response;
    private final ExportFormat format;
    private final AtomicBoolean gone = new AtomicBoolean();
    private Buffer pending;

    Stream(HttpServerResponse response, ExportFormat format) {
      this.response = response;
      this.format = format;
      this.pending = Buffer.buffer(CHUNK_BYTES + 4096).appendString(format.header());
    }

    boolean accept(StoredRecord record) throws InterruptedException {
      pending.appendString(format.line(record));
      if (pending.length() >= CHUNK_BYTES) {
        Future<Void> written = response.write(pending);
        pending = Buffer.buffer(CHUNK_BYTES + 4096);
        if (response.writeQueueFull()) {
          awaitDrained(written);
        }
      }
      return !gone.get();
    }

    /** The write future completes once the chunk reached the socket, so everything before it has drained. */
    private void awaitDrained(Future<Void> written) throws InterruptedException {
      while (!gone.get()) {
        try {
          written.toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
          return;
        } catch (TimeoutException stillFull) {
          // keep waiting while the client is connected
        } catch (ExecutionException failed) {
          gone.set(true);
        }
      }
    }

    Future<Void> finish() {
      if (gone.get()) {
        return Future.succeededFuture();
      }
      return response.end(pending);
    }
  }
}
