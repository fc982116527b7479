package io.nodeward.audit.store;

import io.nodeward.audit.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against the real PostgreSQL at 127.0.0.1:5432, in a schema of its own. */
class PostgresAuditStoreTest extends AuditStoreContract {

  private static PostgresTestDatabase database;

  @BeforeAll
  static void createSchema() {
    database = PostgresTestDatabase.create();
  }

  @AfterAll
  static void dropSchema() {
    database.close();
  }

  @Override
  String freshDatabaseUrl() {
    database.reset();
    return database.url();
  }

  @Override
  Connection rawConnection() throws SQLException {
    return database.connect();
  }
}
