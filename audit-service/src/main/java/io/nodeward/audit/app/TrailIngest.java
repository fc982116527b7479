package io.nodeward.audit.app;

import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.AuditLogCheckpoint;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.kafka.BatchHandler;
import io.nodeward.kit.kafka.ConsumedEvent;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest: each consumed batch is appended to the log in one transaction. The consumer commits the batch's offsets
 * only when the returned Future succeeds, i.e. after the database commit; a batch redelivered after a crash is
 * deduplicated on (source, id), so nothing is stored twice and nothing is skipped.
 */
public final class TrailIngest implements BatchHandler {

  private final TrailWriter writer;
  private final WorkerExecutor workers;
  private final EventCodec codec;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();

  public TrailIngest(TrailWriter writer, WorkerExecutor workers, EventCodec codec) {
    this.writer = writer;
    this.workers = workers;
    this.codec = codec;
  }

  @Override
  public Future<Void> handle(List<ConsumedEvent> batch) {
    // Canonicalizing is CPU work proportional to the batch: it happens on the worker, not the event loop.
    return workers.executeBlocking(() -> writer.append(toIncoming(batch)), false)
        .onSuccess(result -> {
          stored.addAndGet(result.stored());
          duplicates.addAndGet(result.duplicates());
          conflicts.addAndGet(result.conflicts());
        })
        .mapEmpty();
  }

  /** Canonical JSON and leaf hash per event, in parallel: independent per event; only the tree is sequential. */
  private List<IncomingEvent> toIncoming(List<ConsumedEvent> batch) {
    return batch.parallelStream()
        // checkpoints are about the log, not in it (they are not on the topics consumed, either)
        .filter(consumed -> !(consumed.event().data() instanceof AuditCheckpoint)
            && !(consumed.event().data() instanceof AuditLogCheckpoint))
        .map(consumed -> IncomingEvent.of(codec, consumed.event(), consumed.topic(), consumed.partition(), consumed.offset()))
        .toList();
  }

  public long stored() {
    return stored.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  /** Same (source, id) with different content, since start. */
  public long conflicts() {
    return conflicts.get();
  }
}
