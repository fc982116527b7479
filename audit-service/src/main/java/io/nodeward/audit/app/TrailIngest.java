package io.nodeward.audit.app;

import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.AuditLogCheckpoint;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.kafka.BatchHandler;
import io.nodeward.kit.kafka.ConsumedEvent;
import io.nodeward.kit.kafka.RejectedRecord;
import io.nodeward.kit.kafka.RejectionListener;
import io.nodeward.audit.domain.RejectionMarker;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest: each consumed batch is appended to the log in one transaction. The consumer commits the batch's offsets
 * only when the returned Future succeeds, i.e. after the database commit; a batch redelivered after a crash is
 * deduplicated on (source, id), so nothing is stored twice and nothing is skipped.
 */
public final class TrailIngest implements BatchHandler, RejectionListener {

  private final TrailWriter writer;
  private final WorkerExecutor workers;
  private final EventCodec codec;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong markers = new AtomicLong();
  private final AtomicLong treeSize = new AtomicLong();
  private final String trail;

  /** @param trail the consumer group, which names the trail in the markers of refused records */
  public TrailIngest(TrailWriter writer, WorkerExecutor workers, EventCodec codec, String trail) {
    this.writer = writer;
    this.workers = workers;
    this.codec = codec;
    this.trail = trail;
  }

  /**
   * Records the consumer refused (unsigned, wrongly signed, malformed) leave a marker each in the log, before the
   * batch's offsets are committed; a redelivery yields the same markers, which deduplicate.
   */
  @Override
  public Future<Void> rejected(List<RejectedRecord> records) {
    return workers.executeBlocking(() -> writer.append(records.stream()
            .map(r -> RejectionMarker.of(trail, r.topic(), r.partition(), r.offset(), r.reason(), r.claimedId(),
                r.claimedSource(), r.claimedType(), r.sha256(), r.seenAt()))
            .map(marker -> IncomingEvent.of(codec, marker, null, null, null))
            .toList()), false)
        .onSuccess(result -> {
          markers.addAndGet(result.stored());
          treeSize.accumulateAndGet(result.treeSize(), Math::max);
        })
        .mapEmpty();
  }

  @Override
  public Future<Void> handle(List<ConsumedEvent> batch) {
    // Canonicalizing is CPU work proportional to the batch: it happens on the worker, not the event loop.
    return workers.executeBlocking(() -> writer.append(toIncoming(batch)), false)
        .onSuccess(result -> {
          stored.addAndGet(result.stored());
          duplicates.addAndGet(result.duplicates());
          conflicts.addAndGet(result.conflicts());
          treeSize.accumulateAndGet(result.treeSize(), Math::max);
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

  /** Leaves in the log after the newest append this instance made (0 before the first). */
  public long treeSize() {
    return treeSize.get();
  }

  public long stored() {
    return stored.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  /** Markers of refused records appended since start. */
  public long markers() {
    return markers.get();
  }

  /** Same (source, id) with different content, since start. */
  public long conflicts() {
    return conflicts.get();
  }
}
