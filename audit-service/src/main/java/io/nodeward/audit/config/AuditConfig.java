package io.nodeward.audit.config;

import io.nodeward.events.EventSource;
import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.config.Profile;
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
 *   <li>NODEWARD_DATA_DIR (./data)</li>
 *   <li>NODEWARD_AUDIT_LOG_ORIGIN (nodeward.local/audit), NODEWARD_AUDIT_LOG_KEY_NAME (the origin),
 *       NODEWARD_AUDIT_LOG_KEY_FILE (NODEWARD_PROFILE=dev: &lt;data dir&gt;/audit/log-key.pem, created;
 *       production, the default: required, outside the data directory, owner-only, never created)</li>
 *   <li>NODEWARD_AUDIT_CHECKPOINT_INTERVAL (1s), NODEWARD_AUDIT_RETENTION (0 = keep forever; e.g. P365D or 365d)</li>
 *   <li>NODEWARD_AUDIT_BATCH_SIZE (2000): most events appended in one transaction</li>
 *   <li>NODEWARD_AUDIT_CONSUMER_GROUP (nodeward-audit): one group per independent trail</li>
 *   <li>NODEWARD_AUDIT_CONSUMERS (2): consumers in this instance, so decoding overlaps the database writes</li>
 *   <li>NODEWARD_AUDIT_INSTANCE_ID (the host name): this instance in the source of the events it publishes</li>
 *   <li>NODEWARD_AUDIT_EXPORTS_MAX (4), NODEWARD_AUDIT_EXPORTS_PER_USER (2): exports streaming at once, in total and
 *       per caller; more are refused with 429</li>
 *   <li>NODEWARD_AUDIT_EXPORT_STALL_TIMEOUT (30s): an export whose client takes no bytes for this long is aborted</li>
 *   <li>NODEWARD_AUDIT_HTTP_IDLE_TIMEOUT (60s): a connection with no traffic either way for this long is closed</li>
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
    int consumers,
    String instanceId,
    LogSettings log,
    Exports exports) {

  /**
   * How many exports stream at once (in total and per caller), how long a client may stop taking bytes before its
   * export is aborted, and the HTTP server's idle timeout: one reader must not hold what ingest and queries need.
   */
  public record Exports(int max, int perUser, Duration stallTimeout, Duration httpIdleTimeout) {
    public static final Exports DEFAULT = new Exports(4, 2, Duration.ofSeconds(30), Duration.ofSeconds(60));

    public Exports {
      if (max < 1) {
        throw new ConfigException("NODEWARD_AUDIT_EXPORTS_MAX", "must be at least 1");
      }
      if (perUser < 1 || perUser > max) {
        throw new ConfigException("NODEWARD_AUDIT_EXPORTS_PER_USER", "must be between 1 and NODEWARD_AUDIT_EXPORTS_MAX");
      }
      if (stallTimeout.toSeconds() < 1) {
        throw new ConfigException("NODEWARD_AUDIT_EXPORT_STALL_TIMEOUT", "must be at least 1s");
      }
      if (httpIdleTimeout.toSeconds() < 1) {
        throw new ConfigException("NODEWARD_AUDIT_HTTP_IDLE_TIMEOUT", "must be at least 1s");
      }
    }
  }

  public static final String DEFAULT_CONSUMER_GROUP = "nodeward-audit";
  public static final String SERVICE = "audit";

  public enum StoreKind { SQLITE, POSTGRES }

  public AuditConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(cognito, "cognito");
    Objects.requireNonNull(consumerGroup, "consumerGroup");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(exports, "exports");
    try {
      EventSource.of(SERVICE, instanceId);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("NODEWARD_AUDIT_INSTANCE_ID", "must be 1 to 128 of letters, digits, '.', '_', '@', '-'");
    }
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
    Profile profile = Profile.fromEnv(env);
    Path dataDir = env.path("NODEWARD_DATA_DIR", Path.of("data"));
    StoreKind store = env.enumValue("NODEWARD_AUDIT_STORE", StoreKind.class, StoreKind.SQLITE);
    String url = env.string("NODEWARD_AUDIT_JDBC_URL", null);
    if (url == null) {
      if (store == StoreKind.POSTGRES) {
        throw new ConfigException("NODEWARD_AUDIT_JDBC_URL", "is required with NODEWARD_AUDIT_STORE=postgres");
      }
      url = defaultSqliteUrl(dataDir);
    }
    AuditConfig config = new AuditConfig(
        env.string("NODEWARD_AUDIT_HOST", "127.0.0.1"),
        env.port("NODEWARD_AUDIT_PORT", 8081),
        store,
        url,
        dataDir,
        KafkaSettings.fromEnv(env, "nodeward-audit"),
        CognitoConfig.fromEnv(env),
        env.duration("NODEWARD_AUDIT_CHECKPOINT_INTERVAL", Duration.ofSeconds(1)),
        retention(env),
        env.integer("NODEWARD_AUDIT_BATCH_SIZE", 2000, 1, 50_000),
        env.string("NODEWARD_AUDIT_CONSUMER_GROUP", DEFAULT_CONSUMER_GROUP),
        env.integer("NODEWARD_AUDIT_CONSUMERS", 2, 1, 16),
        env.string("NODEWARD_AUDIT_INSTANCE_ID", EventSource.defaultInstanceId()),
        logSettings(env, dataDir, profile),
        new Exports(env.integer("NODEWARD_AUDIT_EXPORTS_MAX", Exports.DEFAULT.max(), 1, 64),
            env.integer("NODEWARD_AUDIT_EXPORTS_PER_USER", Exports.DEFAULT.perUser(), 1, 64),
            env.duration("NODEWARD_AUDIT_EXPORT_STALL_TIMEOUT", Exports.DEFAULT.stallTimeout()),
            env.duration("NODEWARD_AUDIT_HTTP_IDLE_TIMEOUT", Exports.DEFAULT.httpIdleTimeout())));
    profile.requireProductionKafka(env, config.kafka().security());
    profile.requireProductionPool(config.cognito());
    return config;
  }

  /**
   * In production the key must be given, must exist and must lie outside the data directory: whoever can
   * rewrite the database must not find the key to re-sign it beside it.
   */
  private static LogSettings logSettings(Env env, Path dataDir, Profile profile) {
    boolean production = profile.production();
    String origin = env.string("NODEWARD_AUDIT_LOG_ORIGIN", LogSettings.DEFAULT_ORIGIN);
    String keyName = env.string("NODEWARD_AUDIT_LOG_KEY_NAME", origin);
    Path keyFile = env.path("NODEWARD_AUDIT_LOG_KEY_FILE", null);
    if (production) {
      if (keyFile == null) {
        throw new ConfigException("NODEWARD_AUDIT_LOG_KEY_FILE", "is required with NODEWARD_PROFILE=production");
      }
      if (keyFile.toAbsolutePath().normalize().startsWith(dataDir.toAbsolutePath().normalize())) {
        throw new ConfigException("NODEWARD_AUDIT_LOG_KEY_FILE", "must lie outside NODEWARD_DATA_DIR in production");
      }
      profile.requireOwnerOnly("NODEWARD_AUDIT_LOG_KEY_FILE", keyFile);
    }
    return new LogSettings(origin, keyName, keyFile != null ? keyFile : LogSettings.defaultKeyFile(dataDir), !production);
  }

  /** Defaults for a given data directory, database, broker and user pool (tests, the one-process stack): port 0. */
  public static AuditConfig of(Path dataDir, String jdbcUrl, KafkaSettings kafka, CognitoConfig cognito) {
    return builder(dataDir, jdbcUrl, kafka, cognito).build();
  }

  /** Starts from {@link #of}'s defaults; change what the caller needs, then {@link Builder#build()}. */
  public static Builder builder(Path dataDir, String jdbcUrl, KafkaSettings kafka, CognitoConfig cognito) {
    Builder b = new Builder();
    b.host = "127.0.0.1";
    b.port = 0;
    b.store = jdbcUrl.startsWith("jdbc:postgresql:") ? StoreKind.POSTGRES : StoreKind.SQLITE;
    b.jdbcUrl = jdbcUrl;
    b.dataDir = dataDir;
    b.kafka = kafka;
    b.cognito = cognito;
    b.checkpointInterval = Duration.ofSeconds(1);
    b.retention = Duration.ZERO;
    b.batchSize = 2000;
    b.consumerGroup = DEFAULT_CONSUMER_GROUP;
    b.consumers = 2;
    b.instanceId = EventSource.defaultInstanceId();
    b.log = LogSettings.development(dataDir);
    b.exports = Exports.DEFAULT;
    return b;
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

  /** The {@code source} of the events this instance publishes: {@code /nodeward/audit/<instanceId>}. */
  public String source() {
    return EventSource.of(SERVICE, instanceId).toString();
  }

  public boolean keepsForever() {
    return retention.isZero();
  }

  /** A builder holding this configuration's values, to change a few (tests, the stack). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.store = store;
    b.jdbcUrl = jdbcUrl;
    b.dataDir = dataDir;
    b.kafka = kafka;
    b.cognito = cognito;
    b.checkpointInterval = checkpointInterval;
    b.retention = retention;
    b.batchSize = batchSize;
    b.consumerGroup = consumerGroup;
    b.consumers = consumers;
    b.instanceId = instanceId;
    b.log = log;
    b.exports = exports;
    return b;
  }

  /** Mutable twin of the record; {@link #build()} validates like the constructor does. */
  public static final class Builder {
    private String host;
    private int port;
    private StoreKind store;
    private String jdbcUrl;
    private Path dataDir;
    private KafkaSettings kafka;
    private CognitoConfig cognito;
    private Duration checkpointInterval;
    private Duration retention;
    private int batchSize;
    private String consumerGroup;
    private int consumers;
    private String instanceId;
    private LogSettings log;
    private Exports exports;

    private Builder() {
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder kafka(KafkaSettings value) {
      kafka = value;
      return this;
    }

    public Builder checkpointInterval(Duration value) {
      checkpointInterval = value;
      return this;
    }

    public Builder retention(Duration value) {
      retention = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder consumerGroup(String value) {
      consumerGroup = value;
      return this;
    }

    public Builder consumers(int value) {
      consumers = value;
      return this;
    }

    public AuditConfig build() {
      return new AuditConfig(host, port, store, jdbcUrl, dataDir, kafka, cognito, checkpointInterval, retention,
          batchSize, consumerGroup, consumers, instanceId, log, exports);
    }

    public Builder exports(Exports value) {
      exports = value;
      return this;
    }

    public Builder log(LogSettings value) {
      log = value;
      return this;
    }
  }

  /** Never shows a password that the JDBC URL may carry (PostgreSQL's {@code password=} parameter). */
  @Override
  public String toString() {
    return "AuditConfig[" + host + ":" + port + ", store=" + store + ", jdbcUrl=" + redacted(jdbcUrl)
        + ", dataDir=" + dataDir + ", kafka=" + kafka.bootstrapServers() + ", cognito=" + cognito.issuer()
        + ", checkpointInterval=" + checkpointInterval + ", retention=" + retention + ", batchSize=" + batchSize
        + ", consumerGroup=" + consumerGroup + ", consumers=" + consumers + ", instanceId=" + instanceId
        + ", logOrigin=" + log.origin() + ", logKeyFile=" + log.keyFile() + ", exports=" + exports + "]";
  }

  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
