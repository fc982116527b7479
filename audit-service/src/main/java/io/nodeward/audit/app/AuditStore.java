package io.nodeward.audit.app;

import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainedRecord;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.events.AuditCheckpoint;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The port the use cases keep the trail in. It only stores and reads: what to append, when a checkpoint is due
 * and which records retention may remove are decided in {@code app/} ({@link TrailWriter}). Every method blocks
 * on the database, so callers run it on a worker, never on an event loop.
 */
public interface AuditStore extends AutoCloseable {

  /**
   * Runs {@code work} in one transaction that holds the trail's write lock (one writer at a time, also across
   * instances sharing the database), committing if it returns and rolling back if it throws.
   */
  <T> T write(String operation, WriteWork<T> work);

  /** The newest record; after a prune that removed every record, the newest checkpoint; else genesis. */
  ChainHead head();

  /** Every kept checkpoint, oldest first. */
  List<AuditCheckpoint> checkpoints();

  /** Newest first; at most {@code query.limit() + 1} rows so the caller knows whether another page exists. */
  List<StoredRecord> find(AuditQuery query);

  List<SummaryRow> summarize(SummaryQuery query);

  /**
   * Streams every matching record, oldest first, from a database cursor: the range is never held in memory.
   * {@code sink} may block (that is the backpressure) and may stop the export by returning false.
   */
  long export(AuditQuery query, RecordSink sink);

  /** Hands every kept record and checkpoint, both ascending, to {@code reader} as streams from cursors. */
  <T> T scan(TrailReader<T> reader);

  @Override
  void close();

  /** What may be done inside the write transaction. */
  interface TrailWrite {

    ChainHead head();

    /** Which of {@code eventIds} are stored already. */
    Set<String> storedEventIds(List<String> eventIds);

    void insert(List<ChainedRecord> records, Instant storedAt);

    OptionalLong newestCheckpointSequence();

    void insertCheckpoint(AuditCheckpoint checkpoint);

    /** The sequence of the newest checkpoint recorded before {@code instant}, if any. */
    OptionalLong newestCheckpointRecordedBefore(Instant instant);

    /** Removes records with a sequence up to and including {@code sequence}; returns how many. */
    long deleteRecordsThrough(long sequence);

    /** Removes checkpoints with a sequence below {@code sequence}; returns how many. */
    long deleteCheckpointsBefore(long sequence);
  }

  @FunctionalInterface
  interface WriteWork<T> {
    T run(TrailWrite write);
  }

  @FunctionalInterface
  interface TrailReader<T> {
    T read(Iterator<StoredRecord> records, Iterator<AuditCheckpoint> checkpoints);
  }

  @FunctionalInterface
  interface RecordSink {
    boolean accept(StoredRecord record) throws Exception;
  }
}
