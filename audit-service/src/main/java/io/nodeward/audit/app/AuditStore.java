package io.nodeward.audit.app;

import io.nodeward.audit.store.Dialect;
import io.nodeward.audit.store.PostgresAuditStore;
import io.nodeward.audit.store.SqliteAuditStore;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.events.AuditCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hash-chained audit trail in a SQL database. Every method blocks on JDBC: callers run it on a worker
 * (see {@code AuditRepository}), never on an event loop.
 */
public interface AuditStore extends AutoCloseable {

  Dialect dialect();

  /** Brings the schema up to date; safe to run again and from several instances at once. */
  List<Integer> migrate();

  /**
   * Appends the events not stored yet, in order, in ONE transaction: chained from the stored head, event ids
   * already present skipped (a redelivered batch neither duplicates nor skips, and does not move the chain).
   */
  AppendResult append(List<IncomingEvent> events);

  ChainHead head();

  /**
   * Signs the current head with {@code signer} and stores the checkpoint, unless the newest stored checkpoint
   * already covers that head.
   */
  Optional<AuditCheckpoint> checkpoint(Function<ChainHead, AuditCheckpoint> signer);

  List<AuditCheckpoint> checkpoints();

  /** Newest first; at most {@code query.limit() + 1} rows so the caller knows whether another page exists. */
  List<StoredRecord> find(AuditQuery query);

  List<SummaryRow> summarize(SummaryQuery query);

  /**
   * Streams every matching record, oldest first, from a database cursor: the range is never held in memory.
   * {@code sink} may block (that is the backpressure) and may stop the export by returning false.
   */
  long export(AuditQuery query, RecordSink sink);

  /** Walks the whole kept trail and its checkpoints through {@code verifier}, streaming. */
  VerificationReport verify(ChainVerifier verifier);

  /**
   * Removes records older than {@code cutoff}, only up to the newest checkpoint recorded before it; that
   * checkpoint stays as the anchor verification starts from.
   */
  PruneResult prune(Instant cutoff);

  @Override
  void close();

  record AppendResult(int stored, int duplicates, ChainHead head) {
  }

  record PruneResult(long recordsRemoved, long checkpointsRemoved, Long anchorSequence) {
  }

  @FunctionalInterface
  interface RecordSink {
    boolean accept(StoredRecord record) throws Exception;
  }

  static AuditStore open(String jdbcUrl) {
    return switch (Dialect.ofJdbcUrl(jdbcUrl)) {
      case POSTGRES -> new PostgresAuditStore(jdbcUrl);
      case SQLITE -> new SqliteAuditStore(jdbcUrl);
    };
  }
}
