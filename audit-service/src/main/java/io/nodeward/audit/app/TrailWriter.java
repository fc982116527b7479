package io.nodeward.audit.app;

import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainedRecord;
import io.nodeward.audit.domain.HashChain;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.events.AuditCheckpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The trail's write policies, each one transaction of the store: append (skip event ids already stored, chain
 * the rest from the stored head), checkpoint (sign the head unless a checkpoint covers it already) and prune
 * (remove records only up to the newest checkpoint taken before the cutoff, which stays as the anchor). Blocking.
 */
public final class TrailWriter {

  /** What an append did: stored, skipped as already stored, and the head after it. */
  public record AppendResult(int stored, int duplicates, ChainHead head) {
  }

  /** What a prune removed; {@code anchorSequence} null when nothing could go. */
  public record PruneResult(long recordsRemoved, long checkpointsRemoved, Long anchorSequence) {
  }

  private final AuditStore store;
  private final Clock clock;

  public TrailWriter(AuditStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Appends the events not stored yet, in order, in one transaction: a redelivered batch neither duplicates
   * nor skips anything, and does not move the chain.
   */
  public AppendResult append(List<IncomingEvent> events) {
    return store.write("append", write -> {
      Map<String, IncomingEvent> unique = new LinkedHashMap<>();
      for (IncomingEvent event : events) {
        unique.putIfAbsent(event.eventId(), event);
      }
      Set<String> stored = write.storedEventIds(new ArrayList<>(unique.keySet()));
      ChainHead head = write.head();
      List<ChainedRecord> records = new ArrayList<>(unique.size());
      for (IncomingEvent event : unique.values()) {
        if (!stored.contains(event.eventId())) {
          String hash = HashChain.link(head.hash(), event.canonicalJson());
          records.add(new ChainedRecord(head.sequence() + 1, event, head.hash(), hash));
          head = new ChainHead(head.sequence() + 1, hash);
        }
      }
      if (!records.isEmpty()) {
        write.insert(records, clock.instant());
      }
      return new AppendResult(records.size(), events.size() - records.size(), head);
    });
  }

  /** Signs the current head with {@code signer} and stores it, unless the newest checkpoint covers that head. */
  public Optional<AuditCheckpoint> checkpoint(Function<ChainHead, AuditCheckpoint> signer) {
    return store.write("checkpoint", write -> {
      ChainHead head = write.head();
      OptionalLong newest = write.newestCheckpointSequence();
      if (head.sequence() == 0 || newest.isPresent() && newest.getAsLong() >= head.sequence()) {
        return Optional.empty();
      }
      AuditCheckpoint checkpoint = signer.apply(head);
      write.insertCheckpoint(checkpoint);
      return Optional.of(checkpoint);
    });
  }

  /**
   * Removes records older than {@code cutoff}, only up to the newest checkpoint recorded before it: that
   * checkpoint stays, as the anchor verification starts from, so what remains still verifies.
   */
  public PruneResult prune(Instant cutoff) {
    return store.write("prune", write -> {
      OptionalLong anchor = write.newestCheckpointRecordedBefore(cutoff);
      if (anchor.isEmpty()) {
        return new PruneResult(0, 0, null);
      }
      long records = write.deleteRecordsThrough(anchor.getAsLong());
      long checkpoints = write.deleteCheckpointsBefore(anchor.getAsLong());
      return new PruneResult(records, checkpoints, anchor.getAsLong());
    });
  }
}
