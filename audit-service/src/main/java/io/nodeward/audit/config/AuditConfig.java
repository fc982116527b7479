package io.nodeward.audit.config;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the audit service is configured with, read once from the environment and validated at start.
 *
 * <ul>
 *   <li>NODEWARD_AUDIT_HOST (127.0.0.1), NODEWARD_AUDIT_PORT (8081; 0 picks a free port)</li>
 *   <li>NODEWARD_AUDIT_STORE: sqlite (default) or postgres; must agree with the URL</li>
 *   <li>NODEWARD_AUDIT_JDBC_URL (jdbc:sqlite:&lt;data dir&gt;/audit/audit.db; required for postgres, e.g.
 *       jdbc:postgresql://db:5432/nodeward?user=audit&amp;currentSchema=audit)</li>
 *   <li>NODEWARD_DATA_DIR (./data): the checkpoint key lives in &lt;data dir&gt;/audit/</li>
 *   <li>NODEWARD_AUDIT_CHECKPOINT_INTERVAL (60s), NODEWARD_AUDIT_RETENTION (0 = keep forever; e.g. P365D or 365d)</li>
 *   <li>NODEWARD_AUDIT_BATCH_SIZE (2000): most events appended in one transaction</li>
 *   <li>NODEWARD_AUDIT_CONSUMER_GROUP (nodeward-audit): one group per independent trail</li>
 *   <li>NODEWARD_AUDIT_CONSUMERS (2): consumers in this instance, so decoding overlaps the database writes</li>
 *   <li>NODEWARD_KAFKA_* (see KafkaSettings), NODEWARD_COGNITO_* (see CognitoConfig)</li>
 * </ul>
 */
public record AuditConfig(
    String host,
    int port,
    StoreKind store,
    String jdbcUrl,
    Path dataDir,
    KafkaSettings kafka,
    CognitoConfig cognito,
    Duration checkpointInterval,
    Duration retention,
    int batchSize,
    String consumerGroup,
    int consumers) {

  public static final String DEFAULT_CONSUMER_GROUP = "nodeward-audit";
  public static final String SOURCE = "/nodeward/audit";

  public enum StoreKind { SQLITE, POSTGRES }

  public AuditConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(cognito, "cognito");
    Objects.requireNonNull(consumerGroup, "consumerGroup");
    if (consumers < 1) {
      throw new ConfigException("NODEWARD_AUDIT_CONSUMERS", "must be at least 1");
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new ConfigException("NODEWARD_AUDIT_CHECKPOINT_INTERVAL", "must be positive");
    }
    if (retention.isNegative()) {
      throw new ConfigException("NODEWARD_AUDIT_RETENTION", "must not be negative");
    }
    String prefix = store == StoreKind.SQLITE ? "jdbc:sqlite:" : "jdbc:postgresql:";
    if (!jdbcUrl.startsWith(prefix)) {
      throw new ConfigException("NODEWARD_AUDIT_JDBC_URL", "must start with " + prefix + " for NODEWARD_AUDIT_STORE="
          + store.name().toLowerCase(Locale.ROOT));
    }
  }

  public static AuditConfig fromEnv(Env env) {
    Path dataDir = env.path("NODEWARD_DATA_DIR", Path.of("data"));
    StoreKind store = env.enumValue("NODEWARD_AUDIT_STORE", StoreKind.class, StoreKind.SQLITE);
    String url = env.string("NODEWARD_AUDIT_JDBC_URL", null);
    if (url == null) {
      if (store == StoreKind.POSTGRES) {
        throw new ConfigException("NODEWARD_AUDIT_JDBC_URL", "is required with NODEWARD_AUDIT_STORE=postgres");
      }
      url = defaultSqliteUrl(dataDir);
    }
    return new AuditConfig(
        env.string("NODEWARD_AUDIT_HOST", "127.0.0.1"),
        env.port("NODEWARD_AUDIT_PORT", 8081),
        store,
        url,
        dataDir,
        KafkaSettings.fromEnv(env, "nodeward-audit"),
        CognitoConfig.fromEnv(env),
        env.duration("NODEWARD_AUDIT_CHECKPOINT_INTERVAL", Duration.ofSeconds(60)),
        retention(env),
        env.integer("NODEWARD_AUDIT_BATCH_SIZE", 2000, 1, 50_000),
        env.string("NODEWARD_AUDIT_CONSUMER_GROUP", DEFAULT_CONSUMER_GROUP),
        env.integer("NODEWARD_AUDIT_CONSUMERS", 2, 1, 16));
  }

  /** Defaults for a given data directory, database, broker and user pool (tests, the one-process stack): port 0. */
  public static AuditConfig of(Path dataDir, String jdbcUrl, KafkaSettings kafka, CognitoConfig cognito) {
    StoreKind store = jdbcUrl.startsWith("jdbc:postgresql:") ? StoreKind.POSTGRES : StoreKind.SQLITE;
    return new AuditConfig("127.0.0.1", 0, store, jdbcUrl, dataDir, kafka, cognito, Duration.ofSeconds(60), Duration.ZERO,
        2000, DEFAULT_CONSUMER_GROUP, 2);
  }

  public static String defaultSqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve("audit").resolve("audit.db");
  }

  private static Duration retention(Env env) {
    String raw = env.string("NODEWARD_AUDIT_RETENTION", "0");
    if (raw.equals("0")) {
      return Duration.ZERO;
    }
    return env.duration("NODEWARD_AUDIT_RETENTION", Duration.ZERO);
  }

  public boolean keepsForever() {
    return retention.isZero();
  }

  /** Where the checkpoint key pair lives. */
  public Path keyDir() {
    return dataDir.resolve("audit");
  }

  public AuditConfig withPort(int newPort) {
    return new AuditConfig(host, newPort, store, jdbcUrl, dataDir, kafka, cognito, checkpointInterval, retention, batchSize, consumerGroup, consumers);
  }

  public AuditConfig withCheckpointInterval(Duration interval) {
    return new AuditConfig(host, port, store, jdbcUrl, dataDir, kafka, cognito, interval, retention, batchSize, consumerGroup, consumers);
  }

  public AuditConfig withRetention(Duration keep) {
    return new AuditConfig(host, port, store, jdbcUrl, dataDir, kafka, cognito, checkpointInterval, keep, batchSize, consumerGroup, consumers);
  }

  public AuditConfig withConsumerGroup(String group) {
    return new AuditConfig(host, port, store, jdbcUrl, dataDir, kafka, cognito, checkpointInterval, retention, batchSize, group, consumers);
  }

  public AuditConfig withBatchSize(int size) {
    return new AuditConfig(host, port, store, jdbcUrl, dataDir, kafka, cognito, checkpointInterval, retention, size, consumerGroup, consumers);
  }

  public AuditConfig withConsumers(int count) {
    return new AuditConfig(host, port, store, jdbcUrl, dataDir, kafka, cognito, checkpointInterval, retention, batchSize, consumerGroup, count);
  }

  public AuditConfig withKafka(KafkaSettings settings) {
    return new AuditConfig(host, port, store, jdbcUrl, dataDir, settings, cognito, checkpointInterval, retention, batchSize, consumerGroup, consumers);
  }

  /** Never shows a password that the JDBC URL may carry (PostgreSQL's {@code password=} parameter). */
  @Override
  public String toString() {
    return "AuditConfig[" + host + ":" + port + ", store=" + store + ", jdbcUrl=" + redacted(jdbcUrl)
        + ", dataDir=" + dataDir + ", kafka=" + kafka.bootstrapServers() + ", cognito=" + cognito.issuer()
        + ", checkpointInterval=" + checkpointInterval + ", retention=" + retention + ", batchSize=" + batchSize
        + ", consumerGroup=" + consumerGroup + ", consumers=" + consumers + "]";
  }

  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
