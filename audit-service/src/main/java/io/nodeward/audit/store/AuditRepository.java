package io.nodeward.audit.store;

import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.events.AuditCheckpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The blocking {@link AuditStore} seen from Vert.x: every call runs on a dedicated worker pool, so JDBC never
 * touches an event loop. Unordered, so a long export or verification does not hold up queries.
 */
public final class AuditRepository {

  private final AuditStore store;
  private final WorkerExecutor workers;

  public AuditRepository(Vertx vertx, AuditStore store, int threads) {
    this.store = store;
    this.workers = vertx.createSharedWorkerExecutor("nodeward-audit-db", threads);
  }

  public AuditStore store() {
    return store;
  }

  public Future<AuditStore.AppendResult> append(List<IncomingEvent> events) {
    return run(() -> store.append(events));
  }

  public Future<ChainHead> head() {
    return run(store::head);
  }

  public Future<Optional<AuditCheckpoint>> checkpoint(Function<ChainHead, AuditCheckpoint> signer) {
    return run(() -> store.checkpoint(signer));
  }

  public Future<List<StoredRecord>> find(AuditQuery query) {
    return run(() -> store.find(query));
  }

  public Future<List<SummaryRow>> summarize(SummaryQuery query) {
    return run(() -> store.summarize(query));
  }

  /** Runs the export on a worker; {@code sink} is called there and may block for backpressure. */
  public Future<Long> export(AuditQuery query, AuditStore.RecordSink sink) {
    return run(() -> store.export(query, sink));
  }

  public Future<VerificationReport> verify(ChainVerifier verifier) {
    return run(() -> store.verify(verifier));
  }

  public Future<AuditStore.PruneResult> prune(Instant cutoff) {
    return run(() -> store.prune(cutoff));
  }

  /** Any blocking work that belongs on the database pool (e.g. canonicalizing a batch before appending it). */
  public <T> Future<T> run(Callable<T> work) {
    return workers.executeBlocking(work, false);
  }

  public Future<Void> close() {
    return workers.close().onComplete(v -> store.close());
  }
}
