package io.nodeward.audit.store;

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

  @Override
  PreparedStatement streaming(Connection connection, String sql) throws SQLException {
    // PgJDBC only uses a server-side cursor (fetchSize honoured) inside a transaction.
    connection.setAutoCommit(false);
    PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    statement.setFetchSize(500);
    return statement;
  }
}
