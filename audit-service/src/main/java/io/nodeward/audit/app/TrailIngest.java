package io.nodeward.audit.app;

import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.kafka.BatchHandler;
import io.nodeward.kit.kafka.ConsumedEvent;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest: each consumed batch is appended to the trail in one transaction. The consumer commits the batch's
 * offsets only when the returned Future succeeds, i.e. after the database commit; a batch redelivered after a
 * crash is deduplicated by event id, so nothing is stored twice and nothing is skipped.
 */
public final class TrailIngest implements BatchHandler {

  private final TrailWriter writer;
  private final WorkerExecutor workers;
  private final EventCodec codec;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

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
        })
        .mapEmpty();
  }

  /** Canonical JSON per event, in parallel (it is independent per event; only the chaining is sequential). */
  private List<IncomingEvent> toIncoming(List<ConsumedEvent> batch) {
    return batch.parallelStream()
        // our own checkpoints are stored as checkpoints, not chained into the trail
        .filter(consumed -> !(consumed.event().data() instanceof AuditCheckpoint))
        .map(consumed -> IncomingEvent.of(codec, consumed.event(), consumed.topic(), consumed.partition(), consumed.offset()))
        .toList();
  }

  public long stored() {
    return stored.get();
  }

  public long duplicates() {
    return duplicates.get();
  }
}
