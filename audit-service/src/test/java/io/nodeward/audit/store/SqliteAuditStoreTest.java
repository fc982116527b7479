package io.nodeward.audit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The store contract against a real SQLite file (WAL, synchronous=NORMAL) in a temporary directory. */
class SqliteAuditStoreTest extends AuditStoreContract {

  @Override
  String freshDatabaseUrl() {
    return "jdbc:sqlite:" + tmp.resolve("audit").resolve("audit.db");
  }

  @Override
  Connection rawConnection() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Test
  void theFileRunsInWriteAheadLogModeWithNormalSync() throws SQLException {
    writer.append(incoming(io.nodeward.audit.testing.TestEvents.mixed(1)));
    try (Connection c = rawConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertEquals("wal", rs.getString(1));
    }
  }
}
