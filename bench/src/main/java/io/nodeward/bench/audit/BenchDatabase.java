package io.nodeward.bench.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** A throw-away database for one benchmark run: a fresh PostgreSQL schema or a fresh SQLite file. */
final class BenchDatabase implements AutoCloseable {

  static final String POSTGRES_SERVER = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  final String url;
  private final String schema;
  private final Path file;

  private BenchDatabase(String url, String schema, Path file) {
    this.url = url;
    this.schema = schema;
    this.file = file;
  }

  static BenchDatabase create(String kind) throws Exception {
    if (kind.equals("postgres")) {
      String schema = "audit_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      try (Connection c = DriverManager.getConnection(POSTGRES_SERVER); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      return new BenchDatabase(POSTGRES_SERVER + "&currentSchema=" + schema, schema, null);
    }
    if (kind.equals("sqlite")) {
      Path dir = Files.createTempDirectory("audit-bench");
      Path file = dir.resolve("audit.db");
      return new BenchDatabase("jdbc:sqlite:" + file, null, file);
    }
    throw new IllegalArgumentException("store must be postgres or sqlite");
  }

  @Override
  public void close() throws Exception {
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(POSTGRES_SERVER); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
    if (file != null) {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
      Files.deleteIfExists(file.getParent());
    }
  }
}
