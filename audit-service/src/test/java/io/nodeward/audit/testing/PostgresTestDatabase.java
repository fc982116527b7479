package io.nodeward.audit.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A private schema in the PostgreSQL at 127.0.0.1:5432 (database test, user postgres, trust auth) for one test
 * class. If PostgreSQL is not running the tests FAIL, saying how to start it: a skipped store test would hide
 * that the production store was never exercised.
 */
public final class PostgresTestDatabase implements AutoCloseable {

  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private final String schema;

  private PostgresTestDatabase(String schema) {
    this.schema = schema;
  }

  public static PostgresTestDatabase create() {
    String schema = "audit_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL is required at 127.0.0.1:5432 (database 'test', user 'postgres', trust auth) "
          + "and could not be reached: " + e.getMessage() + ". Start it with `pg_ctlcluster 15 main start` "
          + "(or `service postgresql start`), then create the database with `createdb -U postgres test`.", e);
    }
    return new PostgresTestDatabase(schema);
  }

  public String schema() {
    return schema;
  }

  public String url() {
    return SERVER + "&currentSchema=" + schema;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  /** Drops and recreates the schema: a blank database for the next test. */
  public void reset() {
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new AssertionError("could not reset schema " + schema, e);
    }
  }

  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new AssertionError("could not drop schema " + schema, e);
    }
  }
}
