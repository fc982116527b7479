package io.nodeward.audit.store;

import io.nodeward.audit.app.AuditStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.nodeward.audit.domain.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded trail: one SQLite file in WAL mode with synchronous=NORMAL (durable across process crashes, a
 * power loss may drop the last transactions; Kafka still holds them and the unique event id makes the replay
 * exact). The writer opens its transactions with BEGIN IMMEDIATE, which is SQLite's chain lock.
 */
public final class SqliteAuditStore extends JdbcAuditStore {

  private static final int IN_CHUNK = 500;

  SqliteAuditStore(String url, int readers) {
    super(pools(url, readers));
  }

  private static Pools pools(String url, int readers) {
    createParentDirectory(url);
    // A bigger page cache for the writer: the event_id index takes random UUIDs, and with SQLite's default
    // 2 MiB cache a million-row trail spends its appends re-reading index pages. BEGIN IMMEDIATE takes the
    // write lock when the transaction starts, which is SQLite's trail lock.
    SQLiteConfig writer = config(-65_536);
    writer.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return new Pools(new HikariDataSource(hikari(url, writer, "nodeward-audit-writer", 1)),
        new HikariDataSource(hikari(url, config(-16_384), "nodeward-audit-readers", readers)));
  }

  private static HikariConfig hikari(String url, SQLiteConfig sqlite, String name, int size) {
    SQLiteDataSource source = new SQLiteDataSource(sqlite);
    source.setUrl(url);
    HikariConfig config = Pools.config(name, size);
    config.setDataSource(source);
    return config;
  }

  @Override
  public Dialect dialect() {
    return Dialect.SQLITE;
  }

  /** @param cacheKib page cache per connection, negative = KiB (SQLite's convention) */
  private static SQLiteConfig config(int cacheKib) {
    SQLiteConfig config = new SQLiteConfig();
    config.setCacheSize(cacheKib);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(30_000);
    return config;
  }

  @Override
  void lockLog(Connection connection) {
    // BEGIN IMMEDIATE (the writer's transaction mode) already holds the database's write lock.
  }

  @Override
  List<StoredRecord> recordsWithIds(Connection connection, List<String> ids) throws SQLException {
    List<StoredRecord> found = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      String sql = "SELECT " + RecordTable.SELECTED + " FROM audit_event WHERE event_id IN ("
          + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          s.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            found.add(RecordTable.read(rs));
          }
        }
      }
    }
    found.sort(java.util.Comparator.comparingLong(StoredRecord::sequence));
    return found;
  }

  @Override
  PreparedStatement streaming(Connection connection, String sql) throws SQLException {
    // SQLite steps the statement row by row: nothing is materialized beyond the current row.
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setFetchSize(500);
    return statement;
  }

  private static void createParentDirectory(String url) {
    String path = url.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + path, e);
    }
  }
}
