package io.nodeward.audit.store;

import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.DedupeConflict;
import io.nodeward.audit.domain.LogContents;
import io.nodeward.audit.domain.NewRecord;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.audit.domain.log.MerkleHash;
import io.nodeward.audit.domain.log.Tile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The log in SQL, the part both dialects share. It only stores: the use cases decide what to write. Writes run on
 * the one writer connection inside a transaction that takes the dialect's log lock; reads use the reader pool.
 * Subclasses supply the pools, the lock, the id lookup, the bulk insert and streaming statements.
 */
public abstract class JdbcAuditStore implements AuditStore {

  private static final String NOTE_COLUMNS = "tree_size, root_hash, note, signed_at";
  /** The newest level-0 tile says how many leaves the tree has. */
  private static final String LAST_LEAF_TILE = "SELECT tile_index, hashes FROM audit_tile WHERE level = 0 ORDER BY tile_index DESC LIMIT 1";
  private static final String UPSERT_TILE = "INSERT INTO audit_tile (level, tile_index, hashes) VALUES (?, ?, ?) "
      + "ON CONFLICT (level, tile_index) DO UPDATE SET hashes = excluded.hashes";

  private final Pools pools;

  JdbcAuditStore(Pools pools) {
    this.pools = pools;
  }

  /** Opens the store for a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL (no migration yet). */
  public static JdbcAuditStore open(String jdbcUrl) {
    return open(jdbcUrl, DEFAULT_READERS);
  }

  /** The pool of read connections sized for {@code readers} at once (queries, proofs, and every export allowed). */
  public static JdbcAuditStore open(String jdbcUrl, int readers) {
    return switch (Dialect.ofJdbcUrl(jdbcUrl)) {
      case POSTGRES -> new PostgresAuditStore(jdbcUrl, readers);
      case SQLITE -> new SqliteAuditStore(jdbcUrl, readers);
    };
  }

  /** Read connections for queries, proofs and verification, besides those the exports may hold. */
  public static final int DEFAULT_READERS = 4;

  public abstract Dialect dialect();

  /** Brings the schema up to date (Flyway); safe to run again and from several instances at once. */
  public List<Integer> migrate() {
    return migrations("classpath:db/" + dialect().folder()).migrate();
  }

  SchemaMigrations migrations(String... locations) {
    // Flyway takes two connections at once on PostgreSQL (its lock, then the migration): the reader pool has them.
    return new SchemaMigrations(pools.readers(), locations);
  }

  /** Serializes log writers across instances, inside the current transaction. */
  abstract void lockLog(Connection connection) throws SQLException;

  /** The kept records with any of these event ids. */
  abstract List<StoredRecord> recordsWithIds(Connection connection, List<String> ids) throws SQLException;

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
        lockLog(c);
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
    public long treeSize() {
      return sql("reading the tree size", () -> JdbcAuditStore.treeSize(c));
    }

    @Override
    public Optional<Tile> tile(int level, long index) {
      return sql("reading a tile", () -> JdbcAuditStore.tile(c, level, index));
    }

    @Override
    public List<StoredRecord> recordsWithIds(List<String> eventIds) {
      return sql("looking up stored ids", () -> eventIds.isEmpty() ? List.of() : JdbcAuditStore.this.recordsWithIds(c, eventIds));
    }

    @Override
    public void insertRecords(List<NewRecord> records, Instant storedAt) {
      long millis = storedAt.toEpochMilli();
      sql("inserting records", () -> {
        insertRows(c, records.stream().map(r -> new RecordTable.Row(r, millis)).toList());
        return null;
      });
    }

    @Override
    public void putTiles(Collection<Tile> tiles) {
      sql("storing tiles", () -> {
        try (PreparedStatement s = c.prepareStatement(UPSERT_TILE)) {
          for (Tile tile : tiles) {
            s.setInt(1, tile.level());
            s.setLong(2, tile.index());
            s.setBytes(3, tile.hashes());
            s.addBatch();
          }
          s.executeBatch();
        }
        return null;
      });
    }

    @Override
    public void insertConflicts(List<DedupeConflict> conflicts) {
      sql("recording conflicts", () -> {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_dedupe_conflict "
            + "(sequence, source, event_id, first_sequence, detected_at) VALUES (?, ?, ?, ?, ?)")) {
          for (DedupeConflict conflict : conflicts) {
            s.setLong(1, conflict.sequence());
            s.setString(2, conflict.source());
            s.setString(3, conflict.eventId());
            s.setLong(4, conflict.firstSequence());
            s.setLong(5, conflict.detectedAt().toEpochMilli());
            s.addBatch();
          }
          s.executeBatch();
        }
        return null;
      });
    }

    @Override
    public OptionalLong newestNoteSize() {
      return sql("reading the newest checkpoint", () -> optionalLong(c, "SELECT MAX(tree_size) FROM audit_checkpoint_note"));
    }

    @Override
    public void insertNote(StoredNote note) {
      sql("storing a checkpoint", () -> {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoint_note (" + NOTE_COLUMNS + ") VALUES (?, ?, ?, ?)")) {
          s.setLong(1, note.treeSize());
          s.setBytes(2, note.rootHash());
          s.setString(3, note.note());
          s.setLong(4, note.signedAt().toEpochMilli());
          return s.executeUpdate();
        }
      });
    }

    @Override
    public OptionalLong newestNoteSizeSignedBefore(Instant instant) {
      return sql("reading checkpoints", () -> optionalLong(c,
          "SELECT MAX(tree_size) FROM audit_checkpoint_note WHERE signed_at < ?", instant.toEpochMilli()));
    }

    @Override
    public long pruneRecordsThrough(long sequence) {
      return sql("pruning records", () -> {
        long removed = update(c, "DELETE FROM audit_event WHERE sequence <= ?", sequence);
        long before = JdbcAuditStore.prunedThrough(c);
        if (sequence > before) {
          update(c, "DELETE FROM audit_retention", null);
          update(c, "INSERT INTO audit_retention (id, pruned_through) VALUES (1, ?)", sequence);
        }
        return removed;
      });
    }
  }

  @Override
  public long treeSize() {
    return with(pools.readers(), "tree size", JdbcAuditStore::treeSize);
  }

  private static long treeSize(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LAST_LEAF_TILE); ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        return 0;
      }
      return rs.getLong("tile_index") * Tile.WIDTH + rs.getBytes("hashes").length / MerkleHash.SIZE;
    }
  }

  @Override
  public Optional<Tile> tile(int level, long index) {
    return with(pools.readers(), "tile", c -> tile(c, level, index));
  }

  private static Optional<Tile> tile(Connection c, int level, long index) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT hashes FROM audit_tile WHERE level = ? AND tile_index = ?")) {
      s.setInt(1, level);
      s.setLong(2, index);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new Tile(level, index, rs.getBytes("hashes"))) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<StoredNote> newestNote() {
    return with(pools.readers(), "newest checkpoint", c -> note(c,
        "SELECT " + NOTE_COLUMNS + " FROM audit_checkpoint_note ORDER BY tree_size DESC LIMIT 1", null));
  }

  @Override
  public Optional<StoredNote> note(long treeSize) {
    return with(pools.readers(), "checkpoint", c -> note(c,
        "SELECT " + NOTE_COLUMNS + " FROM audit_checkpoint_note WHERE tree_size = ?", treeSize));
  }

  private static Optional<StoredNote> note(Connection c, String sql, Long size) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (size != null) {
        s.setLong(1, size);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(note(rs)) : Optional.empty();
      }
    }
  }

  private static StoredNote note(ResultSet rs) throws SQLException {
    return new StoredNote(rs.getLong("tree_size"), rs.getBytes("root_hash"), rs.getString("note"),
        Instant.ofEpochMilli(rs.getLong("signed_at")));
  }

  @Override
  public long prunedThrough() {
    return with(pools.readers(), "retention state", JdbcAuditStore::prunedThrough);
  }

  private static long prunedThrough(Connection c) throws SQLException {
    return optionalLong(c, "SELECT MAX(pruned_through) FROM audit_retention").orElse(0);
  }

  @Override
  public Optional<StoredRecord> record(long sequence) {
    return with(pools.readers(), "record", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + RecordTable.SELECTED + " FROM audit_event WHERE sequence = ?")) {
        s.setLong(1, sequence);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(RecordTable.read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<StoredRecord> recordsWithId(String eventId) {
    return with(pools.readers(), "records by id", c -> recordsWithIds(c, List.of(eventId)));
  }

  @Override
  public List<DedupeConflict> conflictsSince(Instant since) {
    return with(pools.readers(), "dedupe conflicts", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT sequence, source, event_id, first_sequence, detected_at "
          + "FROM audit_dedupe_conflict WHERE detected_at >= ? ORDER BY sequence")) {
        s.setLong(1, since.toEpochMilli());
        List<DedupeConflict> list = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            list.add(new DedupeConflict(rs.getLong("sequence"), rs.getString("source"), rs.getString("event_id"),
                rs.getLong("first_sequence"), Instant.ofEpochMilli(rs.getLong("detected_at"))));
          }
        }
        return list;
      }
    });
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
    SqlFilter filter = summaryFilter(query);
    String sql = summarySql(query, filter);
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

  static SqlFilter summaryFilter(SummaryQuery query) {
    SqlFilter filter = new SqlFilter();
    filter.and("event_time >= ?", RecordTable.micros(query.from()));
    filter.and("event_time < ?", RecordTable.micros(query.to()));
    filter.types(query.types());
    if (query.userId() != null) {
      filter.and("user_id = ?", query.userId());
    }
    return filter;
  }

  static String summarySql(SummaryQuery query, SqlFilter filter) {
    long width = query.bucket().width().toNanos() / 1000;
    // The bucket width and the group column come from closed enums, never from the request text.
    String bucket = "(event_time / " + width + ") * " + width;
    return "SELECT " + bucket + " AS bucket, " + query.groupBy().column() + " AS group_key, COUNT(*) AS n FROM audit_event"
        + filter.where() + " GROUP BY 1, 2 ORDER BY 1, 2";
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
  public <T> T scan(LogReader<T> reader) {
    return with(pools.readers(), "reading the log", c -> {
      long size = treeSize(c);
      long pruned = prunedThrough(c);
      try (PreparedStatement records = streaming(c, "SELECT " + RecordTable.SELECTED + " FROM audit_event ORDER BY sequence ASC");
           PreparedStatement tiles = streaming(c, "SELECT level, tile_index, hashes FROM audit_tile ORDER BY level, tile_index");
           PreparedStatement notes = streaming(c, "SELECT " + NOTE_COLUMNS + " FROM audit_checkpoint_note ORDER BY tree_size");
           ResultSet recordRows = records.executeQuery();
           ResultSet tileRows = tiles.executeQuery();
           ResultSet noteRows = notes.executeQuery()) {
        return reader.read(new LogContents(size, pruned, new Rows<>(recordRows, RecordTable::read),
            new Rows<>(tileRows, rs -> new Tile(rs.getInt("level"), rs.getLong("tile_index"), rs.getBytes("hashes"))),
            new Rows<>(noteRows, JdbcAuditStore::note)));
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

  private static long update(Connection c, String sql, Long value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (value != null) {
        s.setLong(1, value);
      }
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
