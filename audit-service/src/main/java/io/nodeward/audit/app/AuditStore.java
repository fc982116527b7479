package io.nodeward.audit.app;

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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The port the use cases keep the log in: records, the tree's tiles and the signed notes. It only stores and
 * reads: what to append, when a checkpoint is due and what retention removes are decided in {@code app/}. Every
 * method blocks on the database, so callers run it on a worker, never on an event loop.
 */
public interface AuditStore extends AutoCloseable {

  /**
   * Runs {@code work} in one transaction that holds the log's write lock (one writer at a time, also across
   * instances sharing the database), committing if it returns and rolling back if it throws.
   */
  <T> T write(String operation, WriteWork<T> work);

  /** Leaves in the stored tree (its level-0 tiles). */
  long treeSize();

  /** The stored tile at this address, or empty. */
  Optional<Tile> tile(int level, long index);

  Optional<StoredNote> newestNote();

  Optional<StoredNote> note(long treeSize);

  /** How far retention removed record bodies (0: nothing removed). */
  long prunedThrough();

  /** The record at {@code sequence}, if its body is kept. */
  Optional<StoredRecord> record(long sequence);

  /** Every kept record carrying {@code eventId} (from any source), oldest first. */
  List<StoredRecord> recordsWithId(String eventId);

  /** Newest first; at most {@code query.limit() + 1} rows so the caller knows whether another page exists. */
  List<StoredRecord> find(AuditQuery query);

  List<SummaryRow> summarize(SummaryQuery query);

  /**
   * Streams every matching record, oldest first, from a database cursor: the range is never held in memory.
   * {@code sink} may block (that is the backpressure) and may stop the export by returning false.
   */
  long export(AuditQuery query, RecordSink sink);

  /** Hands the whole stored log to {@code reader} as streams from cursors (for verification and log exports). */
  <T> T scan(LogReader<T> reader);

  /** Conflicting redeliveries recorded since {@code since}. */
  List<DedupeConflict> conflictsSince(Instant since);

  @Override
  void close();

  /** What may be done inside the write transaction. */
  interface TrailWrite {

    long treeSize();

    Optional<Tile> tile(int level, long index);

    /** The kept records carrying any of {@code eventIds}, to tell redeliveries from conflicts. */
    List<StoredRecord> recordsWithIds(List<String> eventIds);

    void insertRecords(List<NewRecord> records, Instant storedAt);

    /** Stores tiles by address, replacing a tile that grew. */
    void putTiles(Collection<Tile> tiles);

    void insertConflicts(List<DedupeConflict> conflicts);

    OptionalLong newestNoteSize();

    void insertNote(StoredNote note);

    /** The size of the newest note signed before {@code instant}, if any. */
    OptionalLong newestNoteSizeSignedBefore(Instant instant);

    /** Removes record bodies with a sequence up to and including {@code sequence} and records how far. */
    long pruneRecordsThrough(long sequence);
  }

  @FunctionalInterface
  interface WriteWork<T> {
    T run(TrailWrite write);
  }

  @FunctionalInterface
  interface LogReader<T> {
    T read(LogContents contents);
  }

  @FunctionalInterface
  interface RecordSink {
    boolean accept(StoredRecord record) throws Exception;
  }
}
