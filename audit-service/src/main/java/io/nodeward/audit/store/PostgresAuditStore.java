package io.nodeward.audit.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.StringReader;
import io.nodeward.audit.domain.StoredRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The production trail: PostgreSQL. The URL selects database and schema ({@code currentSchema=...}). Batches go
 * in with COPY; a transaction-scoped advisory lock per schema makes the read-head-then-append of concurrent
 * instances strictly one after the other, so the tree never forks.
 */
public final class PostgresAuditStore extends JdbcAuditStore {

  /** First half of the advisory lock key: "nwau". The second half is the schema's hash. */
  private static final int LOCK_CLASS = 0x6e776175;

  PostgresAuditStore(String url, int readers) {
    super(new Pools(new HikariDataSource(config(url, "nodeward-audit-writer", 1)),
        new HikariDataSource(config(url, "nodeward-audit-readers", readers))));
  }

  private static HikariConfig config(String url, String name, int size) {
    HikariConfig config = Pools.config(name, size);
    config.setJdbcUrl(url);
    config.addDataSourceProperty("ApplicationName", "nodeward-audit");
    return config;
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRES;
  }

  @Override
  void lockLog(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))")) {
      s.setInt(1, LOCK_CLASS);
      s.execute();
    }
  }

  @Override
  List<StoredRecord> recordsWithIds(Connection connection, List<String> ids) throws SQLException {
    List<StoredRecord> found = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT " + RecordTable.SELECTED + " FROM audit_event WHERE event_id = ANY (?) ORDER BY sequence")) {
      Array array = connection.createArrayOf("text", ids.toArray());
      s.setArray(1, array);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(RecordTable.read(rs));
        }
      }
      array.free();
    }
    return found;
  }

  /**
   * COPY instead of INSERT: one round trip and no per-row statement overhead, several times faster for a
   * Kafka batch. Still inside the caller's transaction, so the batch commits (or not) as a whole.
   */
  @Override
  void insertRows(Connection c, List<RecordTable.Row> rows) throws SQLException {
    StringBuilder text = new StringBuilder(rows.size() * 1400);
    for (RecordTable.Row row : rows) {
      for (int i = 0; i < RecordTable.WRITTEN.size(); i++) {
        if (i > 0) {
          text.append('\t');
        }
        Object value = RecordTable.WRITTEN.get(i).value().apply(row);
        field(text, value == null ? null : value.toString());
      }
      text.append('\n');
    }
    try {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn("COPY audit_event (" + RecordTable.NAMES + ") FROM STDIN", new StringReader(text.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into audit_event failed", e);
    }
  }

  /** One column of COPY's text format: tab-separated, \N for NULL, backslash escapes for \ tab newline CR. */
  private static void field(StringBuilder out, String value) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    int plain = 0;
    for (int i = 0; i < value.length(); i++) {
      String escape = switch (value.charAt(i)) {
        case '\\' -> "\\\\";
        case '\t' -> "\\t";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        default -> null;
      };
      if (escape != null) {
        out.append(value, plain, i).append(escape);
        plain = i + 1;
      }
    }
    out.append(value, plain, value.length());
  }

  @Override
  PreparedStatement streaming(Connection connection, String sql) throws SQLException {
    // PgJDBC only uses a server-side cursor (fetchSize honoured) inside a transaction.
    connection.setAutoCommit(false);
    PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(500);
    return statement;
  }
}
