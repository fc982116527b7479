package io.nodeward.audit.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one schema-migration mechanism for both dialects: versioned SQL files {@code db/<dialect>/V<n>__<name>.sql},
 * listed in order in {@code db/<dialect>/index.txt}, applied once each in a transaction together with their row in
 * {@code schema_version}. Statements are separated by a semicolon at the end of a line.
 */
public final class Migrations {

  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

  record Migration(int version, String description, String resource) {
  }

  private Migrations() {
  }

  /**
   * Applies what is missing; returns the versions applied now. The caller's {@code lock} serializes concurrent
   * instances (PostgreSQL advisory lock; SQLite's write transaction does it by itself).
   */
  public static List<Integer> apply(Connection connection, Dialect dialect, SqlAction lock) throws SQLException {
    List<Integer> applied = new ArrayList<>();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      lock.run(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            + "description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      }
      int current = currentVersion(connection);
      for (Migration migration : list(dialect)) {
        if (migration.version() > current) {
          run(connection, migration);
          applied.add(migration.version());
        }
      }
      connection.commit();
      return applied;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  public static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static List<Migration> list(Dialect dialect) {
    String index = resource("db/" + dialect.folder() + "/index.txt");
    List<Migration> migrations = new ArrayList<>();
    int previous = 0;
    for (String line : index.split("\n")) {
      String name = line.trim();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        throw new IllegalStateException("migration file name must be V<n>__<name>.sql: " + name);
      }
      int version = Integer.parseInt(m.group(1));
      if (version != previous + 1) {
        throw new IllegalStateException("migrations must be numbered 1, 2, 3... without gaps: " + name);
      }
      previous = version;
      migrations.add(new Migration(version, m.group(2), "db/" + dialect.folder() + "/" + name));
    }
    return migrations;
  }

  private static void run(Connection connection, Migration migration) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(resource(migration.resource()))) {
        statement.execute(sql);
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, migration.version());
      insert.setString(2, migration.description());
      insert.setString(3, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().trim();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().trim());
    }
    return statements;
  }

  private static String resource(String name) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A step run inside the migration transaction. */
  @FunctionalInterface
  public interface SqlAction {
    void run(Connection connection) throws SQLException;
  }
}
