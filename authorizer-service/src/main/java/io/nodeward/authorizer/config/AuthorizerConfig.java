package io.nodeward.authorizer.config;

import io.nodeward.authorizer.app.DecisionDurability;
import io.nodeward.events.Identifiers;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.config.Profile;
import io.nodeward.kit.kafka.KafkaSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the authorizer is configured with, read once from the environment and validated at start.
 *
 * @param kafka broker and client settings (NODEWARD_KAFKA_BOOTSTRAP, ...); the poll timeout is the authorizer's own
 * @param trustDomain the SPIFFE trust domain client identities must belong to (NODEWARD_TRUST_DOMAIN)
 * @param dataDir root of the service's files; the decision spool lives in {@code <dataDir>/authorizer/spool}
 * @param gatewayHost interface of the mTLS gateway
 * @param gatewayPort port of the mTLS gateway (0: any free port)
 * @param adminHost interface of the admin API (/authorize, /health, /metrics)
 * @param adminPort port of the admin API (0: any free port)
 * @param trustChainPem PEM file with the CA certificates client certificates must chain to
 * @param tlsCertPem PEM file with the gateway's server certificate (and its chain)
 * @param tlsKeyPem PEM file with the gateway's private key (PKCS#8)
 * @param tlsEngine OpenSSL, JDK, or AUTO (OpenSSL when available)
 * @param maxStaleness how long the allow-list may go without confirming freshness before every request is denied
 * @param freshnessInterval how often freshness is checked against the broker's end offsets
 * @param spoolMaxBytes bound of the on-disk decision spool; when full, decisions are dropped and counted
 * @param decisionDeliveryTimeout how long a decision event may wait for Kafka before it is spooled
 * @param instanceId this instance's name in decision events
 * @param gatewayInstances event loops serving the gateway
 * @param statusInterval how often this instance publishes what it has applied (nodeward.authorizer-status.v1)
 * @param catchUpTimeout how long a decision about a certificate from our CA that the allow-list does not know yet
 *     may wait for the allow-list to catch up with the broker (0: never wait)
 * @param decisionDurability whether a request waits until its decision is durable (before-forward, the default)
 * @param authorizeApi the mutual-TLS {@code POST /authorize} listener (off unless callers are listed)
 * @param gatewayLimits connection cap, header-read timeout and per-certificate rate of the gateway
 */
public record AuthorizerConfig(
    KafkaSettings kafka,
    String trustDomain,
    Path dataDir,
    String gatewayHost,
    int gatewayPort,
    String adminHost,
    int adminPort,
    Path trustChainPem,
    Path tlsCertPem,
    Path tlsKeyPem,
    TlsEngine tlsEngine,
    Duration maxStaleness,
    Duration freshnessInterval,
    long spoolMaxBytes,
    Duration decisionDeliveryTimeout,
    String instanceId,
    int gatewayInstances,
    Duration statusInterval,
    Duration catchUpTimeout,
    DecisionDurability decisionDurability,
    AuthorizeApiSettings authorizeApi,
    GatewayLimits gatewayLimits) {

  public static final String PREFIX = "NODEWARD_AUTHORIZER_";
  /** As in an event source (/nodeward/authorizer/<instanceId>): it names this instance there too. */
  private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  public AuthorizerConfig {
    Objects.requireNonNull(kafka, "kafka");
    if (trustDomain == null || !Identifiers.TRUST_DOMAIN.matcher(trustDomain).matches()) {
      throw new ConfigException("NODEWARD_TRUST_DOMAIN", "must be a SPIFFE trust domain (a-z 0-9 . - _)");
    }
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(trustChainPem, "trustChainPem");
    Objects.requireNonNull(tlsCertPem, "tlsCertPem");
    Objects.requireNonNull(tlsKeyPem, "tlsKeyPem");
    Objects.requireNonNull(tlsEngine, "tlsEngine");
    Objects.requireNonNull(decisionDurability, "decisionDurability");
    Objects.requireNonNull(authorizeApi, "authorizeApi");
    Objects.requireNonNull(gatewayLimits, "gatewayLimits");
    if (maxStaleness.isNegative() || maxStaleness.isZero()) {
      throw new ConfigException(PREFIX + "MAX_STALENESS", "must be positive");
    }
    if (freshnessInterval.isNegative() || freshnessInterval.isZero() || freshnessInterval.compareTo(maxStaleness) >= 0) {
      throw new ConfigException(PREFIX + "FRESHNESS_INTERVAL", "must be positive and shorter than the max staleness");
    }
    if (instanceId == null || !INSTANCE_ID.matcher(instanceId).matches()) {
      throw new ConfigException(PREFIX + "INSTANCE_ID", "must be 1 to 128 of letters, digits, '.', '_', '@', '-'");
    }
    requirePositive(statusInterval, "STATUS_INTERVAL");
    if (catchUpTimeout.isNegative() || catchUpTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new ConfigException(PREFIX + "CATCH_UP_TIMEOUT", "must be between 0 and 10s");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException(PREFIX + name, "must be positive");
    }
  }

  public static AuthorizerConfig fromEnv(Env env) {
    String instanceId = env.string(PREFIX + "INSTANCE_ID", defaultInstanceId());
    Duration pollTimeout = env.duration(PREFIX + "POLL_TIMEOUT", Duration.ofMillis(50));
    KafkaSettings base = KafkaSettings.fromEnv(env, "nodeward-authorizer-" + instanceId);
    KafkaSettings kafka = base.withPollTimeout(pollTimeout); // a copy keeps the Kafka security and event signing
    Path trustChainPem = requiredPath(env, PREFIX + "TRUST_CHAIN_PEM");
    AuthorizerConfig config = new AuthorizerConfig(
        kafka,
        env.string("NODEWARD_TRUST_DOMAIN", "nodeward.local"),
        env.path("NODEWARD_DATA_DIR", Path.of("data")),
        env.string(PREFIX + "GATEWAY_HOST", "127.0.0.1"),
        env.port(PREFIX + "GATEWAY_PORT", 8443),
        env.string(PREFIX + "ADMIN_HOST", "127.0.0.1"),
        env.port(PREFIX + "ADMIN_PORT", 8082),
        trustChainPem,
        requiredPath(env, PREFIX + "TLS_CERT_PEM"),
        requiredPath(env, PREFIX + "TLS_KEY_PEM"),
        env.enumValue(PREFIX + "TLS_ENGINE", TlsEngine.class, TlsEngine.AUTO),
        env.duration(PREFIX + "MAX_STALENESS", Duration.ofSeconds(5)),
        env.duration(PREFIX + "FRESHNESS_INTERVAL", Duration.ofMillis(250)),
        env.longValue(PREFIX + "SPOOL_MAX_BYTES", 256L * 1024 * 1024, 1024, Long.MAX_VALUE),
        env.duration(PREFIX + "DECISION_DELIVERY_TIMEOUT", Duration.ofSeconds(5)),
        instanceId,
        env.integer(PREFIX + "GATEWAY_INSTANCES", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 64),
        env.duration(PREFIX + "STATUS_INTERVAL", Duration.ofMillis(250)),
        env.duration(PREFIX + "CATCH_UP_TIMEOUT", Duration.ofSeconds(1)),
        env.enumValue(PREFIX + "DECISION_DURABILITY", DecisionDurability.class, DecisionDurability.BEFORE_FORWARD),
        AuthorizeApiSettings.fromEnv(env, trustChainPem),
        GatewayLimits.fromEnv(env));
    // NODEWARD_PROFILE=production: no plaintext Kafka, no key file others may read.
    Profile profile = Profile.fromEnv(env);
    profile.requireProductionKafka(env, kafka.security());
    profile.requireOwnerOnly(PREFIX + "TLS_KEY_PEM", config.tlsKeyPem());
    return config;
  }

  public Path spoolDir() {
    return dataDir.resolve("authorizer").resolve("spool");
  }

  /** Kafka settings for the decision producer: a short delivery timeout, so an outage reaches the spool quickly. */
  public KafkaSettings decisionKafka() {
    return kafka.withClientId(kafka.clientId() + "-decisions").withDeliveryTimeout(decisionDeliveryTimeout);
  }

  private static Path requiredPath(Env env, String name) {
    return Path.of(env.required(name));
  }

  private static String defaultInstanceId() {
    try {
      String name = ("authorizer@" + InetAddress.getLocalHost().getHostName()).replaceAll("[^A-Za-z0-9._@-]", "-");
      return name.length() > 128 ? name.substring(0, 128) : name;
    } catch (Exception e) {
      return "authorizer";
    }
  }
}
