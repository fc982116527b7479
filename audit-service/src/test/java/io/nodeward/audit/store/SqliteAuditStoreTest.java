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

  /**
   * SQLite plans without statistics (the service never runs ANALYZE), and then an equality on type or owner beats a
   * time range: a day's summary walked every access decision ever stored. The plan must bound the search by time.
   */
  @Test
  void aSummaryOfSomeTypesSearchesOnlyItsTimeRange() throws SQLException {
    java.time.Instant to = java.time.Instant.parse("2026-11-30T00:00:00Z");
    for (String owner : new String[] {null, "alice"}) {
      io.nodeward.audit.domain.SummaryQuery query = new io.nodeward.audit.domain.SummaryQuery(
          io.nodeward.audit.domain.SummaryQuery.GroupBy.EFFECT, io.nodeward.audit.domain.SummaryQuery.Bucket.HOUR,
          to.minus(java.time.Duration.ofDays(1)), to, java.util.Set.of(io.nodeward.events.EventType.values()[0]),
          owner);
      SqlFilter filter = JdbcAuditStore.summaryFilter(query);
      StringBuilder plan = new StringBuilder();
      try (Connection c = rawConnection();
           java.sql.PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + JdbcAuditStore.summarySql(query, filter))) {
        filter.bind(s, 1);
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString("detail")).append('\n');
          }
        }
      }
      org.junit.jupiter.api.Assertions.assertTrue(plan.toString().contains("event_time>? AND event_time<?"),
          "owner " + owner + ": " + plan);
    }
  }
}
