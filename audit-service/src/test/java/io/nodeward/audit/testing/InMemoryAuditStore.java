package io.nodeward.audit.testing;

import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.DedupeConflict;
import io.nodeward.audit.domain.LogContents;
import io.nodeward.audit.domain.NewRecord;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.audit.domain.log.Tile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the store port for tests of {@code app/}: records, tiles, notes and conflicts in memory, with a write
 * transaction that is all-or-nothing (a failing write leaves nothing behind). Of {@link AuditQuery} only the user
 * id filter is modelled.
 */
public final class InMemoryAuditStore implements AuditStore {

  private TreeMap<Long, StoredRecord> records = new TreeMap<>();
  private TreeMap<String, Tile> tiles = new TreeMap<>();
  private TreeMap<Long, StoredNote> notes = new TreeMap<>();
  private List<DedupeConflict> conflicts = new ArrayList<>();
  private long prunedThrough;
  /** How many write transactions committed; tests assert a use case is one transaction. */
  public final AtomicInteger commits = new AtomicInteger();
  /** When set, the next write transaction throws after its work, like a database failing at commit. */
  public volatile RuntimeException failNextCommit;

  @Override
  public synchronized <T> T write(String operation, WriteWork<T> work) {
    TreeMap<Long, StoredRecord> recordsBefore = new TreeMap<>(records);
    TreeMap<String, Tile> tilesBefore = new TreeMap<>(tiles);
    TreeMap<Long, StoredNote> notesBefore = new TreeMap<>(notes);
    List<DedupeConflict> conflictsBefore = new ArrayList<>(conflicts);
    long prunedBefore = prunedThrough;
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
      records = recordsBefore;
      tiles = tilesBefore;
      notes = notesBefore;
      conflicts = conflictsBefore;
      prunedThrough = prunedBefore;
      throw e;
    }
  }

  private static String address(int level, long index) {
    return TestLog.address(level, index);
  }

  private final class Write implements TrailWrite {
    @Override
    public long treeSize() {
      return sizeNow();
    }

    @Override
    public Optional<Tile> tile(int level, long index) {
      return Optional.ofNullable(tiles.get(address(level, index)));
    }

    @Override
    public List<StoredRecord> recordsWithIds(List<String> eventIds) {
      return records.values().stream().filter(r -> eventIds.contains(r.columns().eventId())).toList();
    }

    @Override
    public void insertRecords(List<NewRecord> list, Instant storedAt) {
      for (NewRecord r : list) {
        if (records.containsKey(r.sequence())) {
          throw new IllegalStateException("sequence " + r.sequence() + " exists");
        }
        records.put(r.sequence(), new StoredRecord(r.sequence(), r.event().columns(), r.event().canonicalJson()));
      }
    }

    @Override
    public void putTiles(Collection<Tile> changed) {
      changed.forEach(t -> tiles.put(address(t.level(), t.index()), t));
    }

    @Override
    public void insertConflicts(List<DedupeConflict> found) {
      conflicts.addAll(found);
    }

    @Override
    public OptionalLong newestNoteSize() {
      return notes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(notes.lastKey());
    }

    @Override
    public void insertNote(StoredNote note) {
      if (notes.putIfAbsent(note.treeSize(), note) != null) {
        throw new IllegalStateException("a note at " + note.treeSize() + " exists");
      }
    }

    @Override
    public OptionalLong newestNoteSizeSignedBefore(Instant instant) {
      return notes.values().stream().filter(n -> n.signedAt().isBefore(instant)).mapToLong(StoredNote::treeSize).max();
    }

    @Override
    public long pruneRecordsThrough(long sequence) {
      var removed = records.headMap(sequence, true);
      long count = removed.size();
      removed.clear();
      prunedThrough = Math.max(prunedThrough, sequence);
      return count;
    }
  }

  private long sizeNow() {
    for (var entry : tiles.descendingMap().entrySet()) {
      Tile tile = entry.getValue();
      if (tile.level() == 0) {
        return tile.index() * Tile.WIDTH + tile.width();
      }
    }
    return 0;
  }

  @Override
  public synchronized long treeSize() {
    return sizeNow();
  }

  @Override
  public synchronized Optional<Tile> tile(int level, long index) {
    return Optional.ofNullable(tiles.get(address(level, index)));
  }

  @Override
  public synchronized Optional<StoredNote> newestNote() {
    return notes.isEmpty() ? Optional.empty() : Optional.of(notes.lastEntry().getValue());
  }

  @Override
  public synchronized Optional<StoredNote> note(long treeSize) {
    return Optional.ofNullable(notes.get(treeSize));
  }

  @Override
  public synchronized long prunedThrough() {
    return prunedThrough;
  }

  @Override
  public synchronized Optional<StoredRecord> record(long sequence) {
    return Optional.ofNullable(records.get(sequence));
  }

  @Override
  public synchronized List<StoredRecord> recordsWithId(String eventId) {
    return records.values().stream().filter(r -> r.columns().eventId().equals(eventId)).toList();
  }

  @Override
  public synchronized List<DedupeConflict> conflictsSince(Instant since) {
    return conflicts.stream().filter(c -> !c.detectedAt().isBefore(since)).toList();
  }

  /** Every stored record, oldest first. */
  public synchronized List<StoredRecord> records() {
    return List.copyOf(records.values());
  }

  /** Deletes a record behind the use cases' back (tampering in tests). */
  public synchronized void deleteRecord(long sequence) {
    records.remove(sequence);
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
  public synchronized <T> T scan(LogReader<T> reader) {
    return reader.read(new LogContents(sizeNow(), prunedThrough, List.copyOf(records.values()).iterator(),
        List.copyOf(tiles.values()).iterator(), List.copyOf(notes.values()).iterator()));
  }

  @Override
  public void close() {
  }
}
