package io.nodeward.audit.testing;

import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainedRecord;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.events.AuditCheckpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the store port for tests of {@code app/}: keeps records and checkpoints in memory, with a
 * transaction that is all-or-nothing (a failing write leaves nothing behind). Filters of {@link AuditQuery}
 * beyond the user id are not modelled.
 */
public final class InMemoryAuditStore implements AuditStore {

  private final TreeMap<Long, StoredRecord> records = new TreeMap<>();
  private final List<AuditCheckpoint> checkpoints = new ArrayList<>();
  /** How many write transactions committed; tests assert a use case is one transaction. */
  public final AtomicInteger commits = new AtomicInteger();
  /** When set, the next write transaction throws after its work, like a database failing at commit. */
  public volatile RuntimeException failNextCommit;

  @Override
  public synchronized <T> T write(String operation, WriteWork<T> work) {
    TreeMap<Long, StoredRecord> recordsBefore = new TreeMap<>(records);
    List<AuditCheckpoint> checkpointsBefore = new ArrayList<>(checkpoints);
    try {
      T result = work.run(new Write());
      if (failNextCommit != null) {
        RuntimeException failure = failNextCommit;
        failNextCommit = null;
        throw failure;
      }
      commits.incrementAndGet();
      return result;
    } catch (RuntimeException e) {
      records.clear();
      records.putAll(recordsBefore);
      checkpoints.clear();
      checkpoints.addAll(checkpointsBefore);
      throw e;
    }
  }

  private final class Write implements TrailWrite {
    @Override
    public ChainHead head() {
      return InMemoryAuditStore.this.headNow();
    }

    @Override
    public Set<String> storedEventIds(List<String> eventIds) {
      Set<String> found = new HashSet<>();
      for (StoredRecord r : records.values()) {
        if (eventIds.contains(r.columns().eventId())) {
          found.add(r.columns().eventId());
        }
      }
      return found;
    }

    @Override
    public void insert(List<ChainedRecord> list, Instant storedAt) {
      for (ChainedRecord r : list) {
        if (records.containsKey(r.sequence())) {
          throw new IllegalStateException("sequence " + r.sequence() + " exists");
        }
        records.put(r.sequence(), new StoredRecord(r.sequence(), r.event().columns(), r.event().canonicalJson(),
            r.prevHash(), r.hash()));
      }
    }

    @Override
    public OptionalLong newestCheckpointSequence() {
      return checkpoints.stream().mapToLong(AuditCheckpoint::sequence).max();
    }

    @Override
    public void insertCheckpoint(AuditCheckpoint checkpoint) {
      checkpoints.add(checkpoint);
      checkpoints.sort(Comparator.comparingLong(AuditCheckpoint::sequence));
    }

    @Override
    public OptionalLong newestCheckpointRecordedBefore(Instant instant) {
      return checkpoints.stream().filter(c -> c.recordedAt().isBefore(instant)).mapToLong(AuditCheckpoint::sequence).max();
    }

    @Override
    public long deleteRecordsThrough(long sequence) {
      var removed = records.headMap(sequence, true);
      long count = removed.size();
      removed.clear();
      return count;
    }

    @Override
    public long deleteCheckpointsBefore(long sequence) {
      int before = checkpoints.size();
      checkpoints.removeIf(c -> c.sequence() < sequence);
      return before - checkpoints.size();
    }
  }

  private ChainHead headNow() {
    if (!records.isEmpty()) {
      StoredRecord last = records.lastEntry().getValue();
      return new ChainHead(last.sequence(), last.hash());
    }
    if (!checkpoints.isEmpty()) {
      AuditCheckpoint newest = checkpoints.get(checkpoints.size() - 1);
      return new ChainHead(newest.sequence(), newest.headHash());
    }
    return ChainHead.GENESIS;
  }

  @Override
  public synchronized ChainHead head() {
    return headNow();
  }

  @Override
  public synchronized List<AuditCheckpoint> checkpoints() {
    return List.copyOf(checkpoints);
  }

  /** Every stored record, oldest first. */
  public synchronized List<StoredRecord> records() {
    return List.copyOf(records.values());
  }

  @Override
  public synchronized List<StoredRecord> find(AuditQuery query) {
    return records.descendingMap().values().stream()
        .filter(r -> query.userId() == null || query.userId().equals(r.columns().userId()))
        .filter(r -> query.beforeSequence() == null || r.sequence() < query.beforeSequence())
        .limit(query.limit() + 1L)
        .toList();
  }

  @Override
  public List<SummaryRow> summarize(SummaryQuery query) {
    throw new UnsupportedOperationException("summaries are not modelled by the fake");
  }

  @Override
  public long export(AuditQuery query, RecordSink sink) {
    long count = 0;
    for (StoredRecord r : records()) {
      if (query.userId() != null && !query.userId().equals(r.columns().userId())) {
        continue;
      }
      count++;
      try {
        if (!sink.accept(r)) {
          break;
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return count;
  }

  @Override
  public <T> T scan(TrailReader<T> reader) {
    return reader.read(records().iterator(), checkpoints().iterator());
  }

  @Override
  public void close() {
  }
}
