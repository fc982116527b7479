package io.nodeward.audit.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The store's HikariCP pools: one writer connection (this instance appends serially; the trail lock orders
 * instances) and a small pool of readers for queries, exports and verification. Hikari validates a connection
 * before handing it out and retires it after its lifetime, so a dropped database link heals by itself.
 */
final class Pools implements AutoCloseable {

  private final HikariDataSource writer;
  private final HikariDataSource readers;

  Pools(HikariDataSource writer, HikariDataSource readers) {
    this.writer = writer;
    this.readers = readers;
  }

  static HikariConfig config(String poolName, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
    config.setValidationTimeout(Duration.ofSeconds(5).toMillis());
    // No leak detection: an export legitimately holds its connection for as long as its client reads.
    config.setLeakDetectionThreshold(0);
    return config;
  }

  DataSource writer() {
    return writer;
  }

  DataSource readers() {
    return readers;
  }

  @Override
  public void close() {
    writer.close();
    readers.close();
  }
}
