package io.nodeward.audit.store;

import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.domain.RecordColumns;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The production trail: PostgreSQL. The URL selects database and schema ({@code currentSchema=...}). Batches go
 * out as multi-row INSERTs ({@code reWriteBatchedInserts}); a transaction-scoped advisory lock per schema makes
 * the read-head-then-append of concurrent instances strictly one after the other, so the chain never forks.
 */
public final class PostgresAuditStore extends JdbcAuditStore {

  /** First half of the advisory lock key: "nwau". The second half is the schema's hash. */
  private static final int LOCK_CLASS = 0x6e776175;

  private final String url;

  public PostgresAuditStore(String url) {
    super(4);
    this.url = url;
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRES;
  }

  @Override
  Connection openWriter() throws SQLException {
    return open();
  }

  @Override
  Connection openReader() throws SQLException {
    return open();
  }

  private Connection open() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("reWriteBatchedInserts", "true");
    properties.setProperty("ApplicationName", "nodeward-audit");
    return DriverManager.getConnection(url, properties);
  }

  @Override
  void lockChain(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))")) {
      s.setInt(1, LOCK_CLASS);
      s.execute();
    }
  }

  @Override
  Set<String> existingIds(Connection connection, List<String> ids) throws SQLException {
    Set<String> found = new HashSet<>();
    if (ids.isEmpty()) {
      return found;
    }
    try (PreparedStatement s = connection.prepareStatement("SELECT event_id FROM audit_event WHERE event_id = ANY (?)")) {
      Array array = connection.createArrayOf("text", ids.toArray());
      s.setArray(1, array);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
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
  void insertRows(Connection c, List<ChainedRow> rows, long now) throws SQLException {
    StringBuilder text = new StringBuilder(rows.size() * 1400);
    for (ChainedRow row : rows) {
      RecordColumns col = row.event().columns();
      text.append(row.sequence());
      field(text, col.eventId());
      field(text, col.type());
      field(text, col.source());
      text.append('\t').append(micros(col.time()));
      field(text, col.subject());
      field(text, col.userId());
      field(text, col.nodeId());
      field(text, col.serial());
      field(text, col.effect());
      field(text, col.reason());
      field(text, row.event().canonicalJson());
      field(text, row.prevHash());
      field(text, row.hash());
      field(text, row.event().topic());
      field(text, row.event().partition() == null ? null : row.event().partition().toString());
      field(text, row.event().offset() == null ? null : row.event().offset().toString());
      text.append('\t').append(now).append('\n');
    }
    try {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn("COPY audit_event (" + INSERT_COLUMNS + ") FROM STDIN", new StringReader(text.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into audit_event failed", e);
    }
  }

  /** One column of COPY's text format: tab-separated, \N for NULL, backslash escapes for \ tab newline CR. */
  private static void field(StringBuilder out, String value) {
    out.append('\t');
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
