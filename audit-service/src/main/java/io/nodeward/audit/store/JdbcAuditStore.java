package io.nodeward.audit.store;

import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.HashChain;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.RecordColumns;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.events.AuditCheckpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The SQL both dialects share. Writes go through one writer connection (so this instance appends serially) and
 * take the dialect's chain lock inside the transaction (so several instances never fork the chain); reads use
 * a small pool. Subclasses supply connections, the lock and the dedupe lookup.
 */
abstract class JdbcAuditStore implements AuditStore {

  static final String COLUMNS = "sequence, event_id, type, source, event_time, subject, user_id, node_id, serial, "
      + "effect, reason, data, prev_hash, hash";
  static final String INSERT_COLUMNS = COLUMNS + ", kafka_topic, kafka_partition, kafka_offset, stored_at";
  private static final String INSERT = "INSERT INTO audit_event (" + INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final int EXPORT_FETCH_SIZE = 500;

  private final ConnectionPool writer;
  private final ConnectionPool readers;

  JdbcAuditStore(int readers) {
    this.writer = new ConnectionPool(this::openWriter, 1);
    this.readers = new ConnectionPool(this::openReader, readers);
  }

  abstract Connection openWriter() throws SQLException;

  abstract Connection openReader() throws SQLException;

  /** Serializes chain writers across instances, inside the current transaction. */
  abstract void lockChain(Connection connection) throws SQLException;

  /** Which of {@code ids} are stored already. */
  abstract Set<String> existingIds(Connection connection, List<String> ids) throws SQLException;

  /** A statement whose rows stream from a cursor rather than arriving all at once. */
  abstract PreparedStatement streaming(Connection connection, String sql) throws SQLException;

  @Override
  public List<Integer> migrate() {
    return writer.with("migration", c -> Migrations.apply(c, dialect(), this::lockChain));
  }

  @Override
  public AppendResult append(List<IncomingEvent> events) {
    return writer.with("append", c -> inTransaction(c, () -> appendLocked(c, events)));
  }

  private AppendResult appendLocked(Connection c, List<IncomingEvent> events) throws SQLException {
    lockChain(c);
    Map<String, IncomingEvent> unique = new LinkedHashMap<>();
    for (IncomingEvent event : events) {
      unique.putIfAbsent(event.eventId(), event);
    }
    Set<String> stored = existingIds(c, new ArrayList<>(unique.keySet()));
    ChainHead head = head(c);
    List<ChainedRow> rows = new ArrayList<>(unique.size());
    for (IncomingEvent event : unique.values()) {
      if (stored.contains(event.eventId())) {
        continue;
      }
      String hash = HashChain.link(head.hash(), event.canonicalJson());
      rows.add(new ChainedRow(head.sequence() + 1, event, head.hash(), hash));
      head = new ChainHead(head.sequence() + 1, hash);
    }
    if (!rows.isEmpty()) {
      insertRows(c, rows, System.currentTimeMillis());
    }
    return new AppendResult(rows.size(), events.size() - rows.size(), head);
  }

  /** A record with its place in the chain, about to be written. */
  record ChainedRow(long sequence, IncomingEvent event, String prevHash, String hash) {
  }

  /** Writes the rows inside the caller's transaction; a JDBC batch, unless the dialect has something faster. */
  void insertRows(Connection c, List<ChainedRow> rows, long now) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (ChainedRow row : rows) {
        bindInsert(insert, row.sequence(), row.event(), row.prevHash(), row.hash(), now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void bindInsert(PreparedStatement s, long sequence, IncomingEvent e, String prev, String hash, long now)
      throws SQLException {
    RecordColumns c = e.columns();
    s.setLong(1, sequence);
    s.setString(2, c.eventId());
    s.setString(3, c.type());
    s.setString(4, c.source());
    s.setLong(5, micros(c.time()));
    s.setString(6, c.subject());
    s.setString(7, c.userId());
    s.setString(8, c.nodeId());
    s.setString(9, c.serial());
    s.setString(10, c.effect());
    s.setString(11, c.reason());
    s.setString(12, e.canonicalJson());
    s.setString(13, prev);
    s.setString(14, hash);
    s.setString(15, e.topic());
    if (e.partition() == null) {
      s.setNull(16, Types.INTEGER);
    } else {
      s.setInt(16, e.partition());
    }
    if (e.offset() == null) {
      s.setNull(17, Types.BIGINT);
    } else {
      s.setLong(17, e.offset());
    }
    s.setLong(18, now);
  }

  @Override
  public ChainHead head() {
    return readers.with("head", JdbcAuditStore::head);
  }

  /** The last record; after a prune that removed everything, the checkpoint that anchors what comes next. */
  static ChainHead head(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT sequence, hash FROM audit_event ORDER BY sequence DESC LIMIT 1");
         ResultSet rs = s.executeQuery()) {
      if (rs.next()) {
        return new ChainHead(rs.getLong(1), rs.getString(2));
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT sequence, head_hash FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1");
         ResultSet rs = s.executeQuery()) {
      if (rs.next()) {
        return new ChainHead(rs.getLong(1), rs.getString(2));
      }
    }
    return ChainHead.GENESIS;
  }

  @Override
  public Optional<AuditCheckpoint> checkpoint(Function<ChainHead, AuditCheckpoint> signer) {
    return writer.with("checkpoint", c -> inTransaction(c, () -> {
      lockChain(c);
      ChainHead head = head(c);
      if (head.sequence() == 0) {
        return Optional.<AuditCheckpoint>empty();
      }
      try (PreparedStatement s = c.prepareStatement("SELECT MAX(sequence) FROM audit_checkpoint");
           ResultSet rs = s.executeQuery()) {
        rs.next();
        long newest = rs.getLong(1);
        if (!rs.wasNull() && newest >= head.sequence()) {
          return Optional.<AuditCheckpoint>empty();
        }
      }
      AuditCheckpoint checkpoint = signer.apply(head);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoint "
          + "(sequence, head_hash, recorded_at, key_id, algorithm, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setLong(1, checkpoint.sequence());
        s.setString(2, checkpoint.headHash());
        s.setLong(3, checkpoint.recordedAt().toEpochMilli());
        s.setString(4, checkpoint.keyId());
        s.setString(5, checkpoint.algorithm());
        s.setString(6, checkpoint.signature());
        s.executeUpdate();
      }
      return Optional.of(checkpoint);
    }));
  }

  @Override
  public List<AuditCheckpoint> checkpoints() {
    return readers.with("checkpoints", c -> {
      List<AuditCheckpoint> list = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(CHECKPOINTS); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          list.add(checkpoint(rs));
        }
      }
      return list;
    });
  }

  private static final String CHECKPOINTS = "SELECT sequence, head_hash, recorded_at, key_id, algorithm, signature "
      + "FROM audit_checkpoint ORDER BY sequence, key_id";

  private static AuditCheckpoint checkpoint(ResultSet rs) throws SQLException {
    return new AuditCheckpoint(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
        rs.getString(5), rs.getString(6));
  }

  @Override
  public List<StoredRecord> find(AuditQuery query) {
    SqlFilter filter = SqlFilter.of(query);
    if (query.beforeSequence() != null) {
      filter.and("sequence < ?", query.beforeSequence());
    }
    String sql = "SELECT " + COLUMNS + " FROM audit_event" + filter.where() + " ORDER BY sequence DESC LIMIT ?";
    return readers.with("query", c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int next = filter.bind(s, 1);
        s.setInt(next, query.limit() + 1);
        List<StoredRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            records.add(record(rs));
          }
        }
        return records;
      }
    });
  }

  @Override
  public List<SummaryRow> summarize(SummaryQuery query) {
    long width = query.bucket().width().toNanos() / 1000;
    SqlFilter filter = new SqlFilter();
    filter.and("event_time >= ?", micros(query.from()));
    filter.and("event_time < ?", micros(query.to()));
    filter.types(query.types());
    if (query.userId() != null) {
      filter.and("user_id = ?", query.userId());
    }
    // The bucket width and the group column come from closed enums, never from the request text.
    String bucket = "(event_time / " + width + ") * " + width;
    String sql = "SELECT " + bucket + " AS bucket, " + query.groupBy().column() + " AS group_key, COUNT(*) FROM audit_event"
        + filter.where() + " GROUP BY 1, 2 ORDER BY 1, 2";
    return readers.with("summary", c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        filter.bind(s, 1);
        List<SummaryRow> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(new SummaryRow(instant(rs.getLong(1)), rs.getString(2), rs.getLong(3)));
          }
        }
        return rows;
      }
    });
  }

  @Override
  public long export(AuditQuery query, RecordSink sink) {
    SqlFilter filter = SqlFilter.of(query);
    String sql = "SELECT " + COLUMNS + " FROM audit_event" + filter.where() + " ORDER BY sequence ASC";
    return readers.with("export", c -> {
      long count = 0;
      try (PreparedStatement s = streaming(c, sql)) {
        filter.bind(s, 1);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            count++;
            if (!sink.accept(record(rs))) {
              break;
            }
          }
        }
      }
      return count;
    });
  }

  @Override
  public VerificationReport verify(ChainVerifier verifier) {
    return readers.with("verification", c -> {
      try (PreparedStatement records = streaming(c, "SELECT " + COLUMNS + " FROM audit_event ORDER BY sequence ASC");
           PreparedStatement checkpoints = streaming(c, CHECKPOINTS);
           ResultSet recordRows = records.executeQuery();
           ResultSet checkpointRows = checkpoints.executeQuery()) {
        return verifier.verify(new Rows<>(recordRows, JdbcAuditStore::record), new Rows<>(checkpointRows, JdbcAuditStore::checkpoint));
      }
    });
  }

  @Override
  public PruneResult prune(Instant cutoff) {
    return writer.with("prune", c -> inTransaction(c, () -> {
      lockChain(c);
      long anchor;
      try (PreparedStatement s = c.prepareStatement("SELECT MAX(sequence) FROM audit_checkpoint WHERE recorded_at < ?")) {
        s.setLong(1, cutoff.toEpochMilli());
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          anchor = rs.getLong(1);
          if (rs.wasNull()) {
            return new PruneResult(0, 0, null);
          }
        }
      }
      long records;
      long checkpoints;
      try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_event WHERE sequence <= ?")) {
        s.setLong(1, anchor);
        records = s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_checkpoint WHERE sequence < ?")) {
        s.setLong(1, anchor);
        checkpoints = s.executeUpdate();
      }
      return new PruneResult(records, checkpoints, anchor);
    }));
  }

  @Override
  public void close() {
    writer.close();
    readers.close();
  }

  static StoredRecord record(ResultSet rs) throws SQLException {
    RecordColumns columns = new RecordColumns(rs.getString(2), rs.getString(3), rs.getString(4), instant(rs.getLong(5)),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    return new StoredRecord(rs.getLong(1), columns, rs.getString(12), rs.getString(13), rs.getString(14));
  }

  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  @FunctionalInterface
  interface Body<T> {
    T run() throws SQLException;
  }

  static <T> T inTransaction(Connection c, Body<T> body) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = body.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A ResultSet as an iterator, so the pure verifier can walk a cursor. */
  static final class Rows<T> implements Iterator<T> {
    private final ResultSet rs;
    private final RowMapper<T> mapper;
    private Boolean ready;

    Rows(ResultSet rs, RowMapper<T> mapper) {
      this.rs = rs;
      this.mapper = mapper;
    }

    @Override
    public boolean hasNext() {
      if (ready == null) {
        try {
          ready = rs.next();
        } catch (SQLException e) {
          throw new StoreException("reading rows", e);
        }
      }
      return ready;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ready = null;
      try {
        return mapper.map(rs);
      } catch (SQLException e) {
        throw new StoreException("reading rows", e);
      }
    }
  }
}
