package io.nodeward.audit.app;

import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;

/**
 * What the HTTP edge reads: filtered pages, summaries, streamed exports and the tree size. Each runs on the query
 * workers, never on an event loop; unordered, so a long export does not hold up the queries behind it.
 */
public final class TrailQueries {

  private final AuditStore store;
  private final WorkerExecutor workers;
  private final WorkerExecutor exportWorkers;

  public TrailQueries(AuditStore store, WorkerExecutor workers) {
    this(store, workers, workers);
  }

  /** @param exportWorkers where exports run (as many threads as exports allowed), so they never hold up queries */
  public TrailQueries(AuditStore store, WorkerExecutor workers, WorkerExecutor exportWorkers) {
    this.store = store;
    this.workers = workers;
    this.exportWorkers = exportWorkers;
  }

  public Future<List<StoredRecord>> find(AuditQuery query) {
    return workers.executeBlocking(() -> store.find(query), false);
  }

  public Future<List<SummaryRow>> summarize(SummaryQuery query) {
    return workers.executeBlocking(() -> store.summarize(query), false);
  }

  /** Runs the export on a worker; {@code sink} is called there and may block for backpressure. */
  public Future<Long> export(AuditQuery query, AuditStore.RecordSink sink) {
    return exportWorkers.executeBlocking(() -> store.export(query, sink), false);
  }

  public Future<Long> treeSize() {
    return workers.executeBlocking(store::treeSize, false);
  }
}
