package io.nodeward.audit.store;

import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainedRecord;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.events.AuditCheckpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The trail in SQL, the part both dialects share. It only stores: the use cases decide what to write. Writes
 * run on the one writer connection inside a transaction that takes the dialect's trail lock; reads use the
 * reader pool. Subclasses supply the pools, the lock, the stored-id lookup and streaming statements.
 */
public abstract class JdbcAuditStore implements AuditStore {

  private static final String CHECKPOINT_COLUMNS = "sequence, head_hash, recorded_at, key_id, algorithm, signature";
  private static final String CHECKPOINTS = "SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint ORDER BY sequence, key_id";

  private final Pools pools;

  JdbcAuditStore(Pools pools) {
    this.pools = pools;
  }

  /** Opens the store for a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL (no migration yet). */
  public static JdbcAuditStore open(String jdbcUrl) {
    return switch (Dialect.ofJdbcUrl(jdbcUrl)) {
      case POSTGRES -> new PostgresAuditStore(jdbcUrl);
      case SQLITE -> new SqliteAuditStore(jdbcUrl);
    };
  }

  public abstract Dialect dialect();

  /** Brings the schema up to date (Flyway); safe to run again and from several instances at once. */
  public List<Integer> migrate() {
    return migrations("classpath:db/" + dialect().folder()).migrate();
  }

  SchemaMigrations migrations(String... locations) {
    // Flyway takes two connections at once on PostgreSQL (its lock, then the migration): the reader pool has them.
    return new SchemaMigrations(pools.readers(), locations);
  }

  /** Serializes trail writers across instances, inside the current transaction. */
  abstract void lockTrail(Connection connection) throws SQLException;

  /** Which of {@code ids} are stored already. */
  abstract Set<String> storedEventIds(Connection connection, List<String> ids) throws SQLException;

  /** A statement whose rows stream from a cursor rather than arriving all at once. */
  abstract PreparedStatement streaming(Connection connection, String sql) throws SQLException;

  /** Writes the rows inside the caller's transaction; a JDBC batch, unless the dialect has something faster. */
  void insertRows(Connection c, List<RecordTable.Row> rows) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(RecordTable.INSERT)) {
      for (RecordTable.Row row : rows) {
        RecordTable.bind(insert, row);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public <T> T write(String operation, WriteWork<T> work) {
    return with(pools.writer(), operation, c -> {
      c.setAutoCommit(false);
      try {
        lockTrail(c);
        T result = work.run(new Write(c));
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
    });
  }

  /** The operations of one write transaction; SQL failures surface as {@link StoreException}. */
  private final class Write implements TrailWrite {
    private final Connection c;

    Write(Connection c) {
      this.c = c;
    }

    @Override
    public ChainHead head() {
      return sql("reading the head", () -> JdbcAuditStore.head(c));
    }

    @Override
    public Set<String> storedEventIds(List<String> eventIds) {
      return sql("looking up stored ids", () -> JdbcAuditStore.this.storedEventIds(c, eventIds));
    }

    @Override
    public void insert(List<ChainedRecord> records, Instant storedAt) {
      long millis = storedAt.toEpochMilli();
      sql("inserting records", () -> {
        insertRows(c, records.stream().map(r -> new RecordTable.Row(r, millis)).toList());
        return null;
      });
    }

    @Override
    public OptionalLong newestCheckpointSequence() {
      return sql("reading the newest checkpoint", () -> optionalLong(c, "SELECT MAX(sequence) FROM audit_checkpoint"));
    }

    @Override
    public void insertCheckpoint(AuditCheckpoint checkpoint) {
      sql("inserting a checkpoint", () -> {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoint (" + CHECKPOINT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?)")) {
          s.setLong(1, checkpoint.sequence());
          s.setString(2, checkpoint.headHash());
          s.setLong(3, checkpoint.recordedAt().toEpochMilli());
          s.setString(4, checkpoint.keyId());
          s.setString(5, checkpoint.algorithm());
          s.setString(6, checkpoint.signature());
          return s.executeUpdate();
        }
      });
    }

    @Override
    public OptionalLong newestCheckpointRecordedBefore(Instant instant) {
      return sql("reading checkpoints", () -> optionalLong(c, "SELECT MAX(sequence) FROM audit_checkpoint WHERE recorded_at < ?",
          instant.toEpochMilli()));
    }

    @Override
    public long deleteRecordsThrough(long sequence) {
      return sql("deleting records", () -> update(c, "DELETE FROM audit_event WHERE sequence <= ?", sequence));
    }

    @Override
    public long deleteCheckpointsBefore(long sequence) {
      return sql("deleting checkpoints", () -> update(c, "DELETE FROM audit_checkpoint WHERE sequence < ?", sequence));
    }
  }

  @Override
  public ChainHead head() {
    return with(pools.readers(), "head", JdbcAuditStore::head);
  }

  /** The last record; after a prune that removed everything, the checkpoint that anchors what comes next. */
  private static ChainHead head(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT sequence, hash FROM audit_event ORDER BY sequence DESC LIMIT 1");
         ResultSet rs = s.executeQuery()) {
      if (rs.next()) {
        return new ChainHead(rs.getLong("sequence"), rs.getString("hash"));
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT sequence, head_hash FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1");
         ResultSet rs = s.executeQuery()) {
      if (rs.next()) {
        return new ChainHead(rs.getLong("sequence"), rs.getString("head_hash"));
      }
    }
    return ChainHead.GENESIS;
  }

  @Override
  public List<AuditCheckpoint> checkpoints() {
    return with(pools.readers(), "checkpoints", c -> {
      List<AuditCheckpoint> list = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(CHECKPOINTS); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          list.add(checkpoint(rs));
        }
      }
      return list;
    });
  }

  private static AuditCheckpoint checkpoint(ResultSet rs) throws SQLException {
    return new AuditCheckpoint(rs.getLong("sequence"), rs.getString("head_hash"), Instant.ofEpochMilli(rs.getLong("recorded_at")),
        rs.getString("key_id"), rs.getString("algorithm"), rs.getString("signature"));
  }

  @Override
  public List<StoredRecord> find(AuditQuery query) {
    SqlFilter filter = SqlFilter.of(query);
    if (query.beforeSequence() != null) {
      filter.and("sequence < ?", query.beforeSequence());
    }
    String sql = "SELECT " + RecordTable.SELECTED + " FROM audit_event" + filter.where() + " ORDER BY sequence DESC LIMIT ?";
    return with(pools.readers(), "query", c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int next = filter.bind(s, 1);
        s.setInt(next, query.limit() + 1);
        List<StoredRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            records.add(RecordTable.read(rs));
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
    filter.and("event_time >= ?", RecordTable.micros(query.from()));
    filter.and("event_time < ?", RecordTable.micros(query.to()));
    filter.types(query.types());
    if (query.userId() != null) {
      filter.and("user_id = ?", query.userId());
    }
    // The bucket width and the group column come from closed enums, never from the request text.
    String bucket = "(event_time / " + width + ") * " + width;
    String sql = "SELECT " + bucket + " AS bucket, " + query.groupBy().column() + " AS group_key, COUNT(*) AS n FROM audit_event"
        + filter.where() + " GROUP BY 1, 2 ORDER BY 1, 2";
    return with(pools.readers(), "summary", c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        filter.bind(s, 1);
        List<SummaryRow> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(new SummaryRow(RecordTable.instant(rs.getLong("bucket")), rs.getString("group_key"), rs.getLong("n")));
          }
        }
        return rows;
      }
    });
  }

  @Override
  public long export(AuditQuery query, RecordSink sink) {
    SqlFilter filter = SqlFilter.of(query);
    String sql = "SELECT " + RecordTable.SELECTED + " FROM audit_event" + filter.where() + " ORDER BY sequence ASC";
    return with(pools.readers(), "export", c -> {
      long count = 0;
      try (PreparedStatement s = streaming(c, sql)) {
        filter.bind(s, 1);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            count++;
            if (!sink.accept(RecordTable.read(rs))) {
              break;
            }
          }
        }
      }
      return count;
    });
  }

  @Override
  public <T> T scan(TrailReader<T> reader) {
    return with(pools.readers(), "verification", c -> {
      try (PreparedStatement records = streaming(c, "SELECT " + RecordTable.SELECTED + " FROM audit_event ORDER BY sequence ASC");
           PreparedStatement checkpoints = streaming(c, CHECKPOINTS);
           ResultSet recordRows = records.executeQuery();
           ResultSet checkpointRows = checkpoints.executeQuery()) {
        return reader.read(new Rows<>(recordRows, RecordTable::read), new Rows<>(checkpointRows, JdbcAuditStore::checkpoint));
      }
    });
  }

  @Override
  public void close() {
    pools.close();
  }

  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws Exception;
  }

  /** Borrows a connection for {@code work}; any failure becomes a StoreException naming the operation. */
  static <T> T with(DataSource source, String operation, Work<T> work) {
    try (Connection connection = source.getConnection()) {
      return work.apply(connection);
    } catch (StoreException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException(operation, e);
    }
  }

  @FunctionalInterface
  interface Sql<T> {
    T run() throws SQLException;
  }

  private static <T> T sql(String operation, Sql<T> body) {
    try {
      return body.run();
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  private static OptionalLong optionalLong(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        long value = rs.getLong(1);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
      }
    }
  }

  private static long update(Connection c, String sql, long value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, value);
      return s.executeUpdate();
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
