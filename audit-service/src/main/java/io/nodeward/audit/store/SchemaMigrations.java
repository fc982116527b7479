package io.nodeward.audit.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import io.nodeward.audit.store.migration.V3__BuildMerkleTree;

/**
 * The schema, versioned by Flyway: {@code db/<dialect>/V<n>__<name>.sql}, each applied once and recorded with its
 * checksum in {@code flyway_schema_history}. Every start validates what was applied against the files, so an edited
 * migration stops the service instead of leaving two databases that claim the same version but differ.
 * Flyway serializes concurrent instances itself (PostgreSQL advisory lock; SQLite's write lock).
 */
final class SchemaMigrations {

  /** The table the hand-written migrations used before Flyway; a database carrying it is at version 1. */
  static final String LEGACY_TABLE = "schema_version";

  private final DataSource dataSource;
  private final String[] locations;

  /** @param locations where the migrations are (tests point this at an edited copy) */
  SchemaMigrations(DataSource dataSource, String... locations) {
    this.dataSource = dataSource;
    this.locations = locations.clone();
  }

  /** Applies what is missing after validating what was applied; returns the versions applied now. */
  List<Integer> migrate() {
    try {
      MigrateResult result = flyway().migrate();
      return result.migrations.stream().map(m -> Integer.valueOf(m.version)).toList();
    } catch (FlywayException e) {
      throw new StoreException("schema migration", e);
    }
  }

  /** Fails when an applied migration no longer matches its file (edited, renamed or removed). */
  void validate() {
    try {
      flyway().validate();
    } catch (FlywayException e) {
      throw new StoreException("schema validation", e);
    }
  }

  /** Every known migration with its state (applied, pending, ...), oldest first. */
  MigrationInfo[] info() {
    return flyway().info().all();
  }

  private Flyway flyway() {
    // A database migrated by the old hand-written mechanism is taken over at version 1 (its only version).
    boolean legacy = hasLegacyHistory();
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(locations)
        .baselineOnMigrate(legacy)
        .baselineVersion("1")
        .baselineDescription("taken over from " + LEGACY_TABLE)
        .validateMigrationNaming(true)
        .javaMigrations(new V3__BuildMerkleTree())
        .load();
  }

  private boolean hasLegacyHistory() {
    try (Connection c = dataSource.getConnection()) {
      if (!tableExists(c, LEGACY_TABLE) || tableExists(c, "flyway_schema_history")) {
        return false;
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + LEGACY_TABLE)) {
        return rs.next() && rs.getInt(1) == 1;
      }
    } catch (SQLException e) {
      throw new StoreException("schema migration", e);
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(null, c.getSchema(), table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }
}
