package io.nodeward.kit.kafka;

import io.nodeward.kit.config.Env;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a service reaches Kafka. Producers are idempotent with {@code acks=all}; consumers never auto-commit.
 * Build it with {@link #fromEnv} and change it with the {@code with...} copies, so that its security and signing
 * are never dropped on the way.
 *
 * @param bootstrapServers host:port list
 * @param clientId prefix of every client id this service opens (appears in broker logs and metrics)
 * @param deliveryTimeout how long a publish may take, retries included, before it fails
 * @param pollTimeout how long one consumer poll waits for records (small: revocations must travel fast)
 * @param security how the service and the brokers authenticate each other (TLS client certificates, SCRAM)
 * @param signing the key this service signs its events with, and the producer keys it believes
 */
public record KafkaSettings(String bootstrapServers, String clientId, Duration deliveryTimeout, Duration pollTimeout,
    KafkaSecurity security, EventSigning signing) {

  public static final String BOOTSTRAP_VARIABLE = "NODEWARD_KAFKA_BOOTSTRAP";
  /**
   * How long closing a producer or consumer may wait for the broker (in-flight sends, leaving the group). Kafka's
   * own defaults wait indefinitely or 30 s, and a service stopping after its broker then hangs or keeps
   * reconnecting; everything a service must not lose is acknowledged before it counts, so a bounded close
   * loses nothing that was promised.
   */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    security = security == null ? KafkaSecurity.plaintext() : security;
    signing = signing == null ? EventSigning.none() : signing;
  }

  /** Plaintext, unsigned, unverified: tests and benchmarks on a loopback broker. */
  public KafkaSettings(String bootstrapServers, String clientId, Duration deliveryTimeout, Duration pollTimeout) {
    this(bootstrapServers, clientId, deliveryTimeout, pollTimeout, null, null);
  }

  public KafkaSettings(String bootstrapServers, String clientId) {
    this(bootstrapServers, clientId, Duration.ofSeconds(30), Duration.ofMillis(100));
  }

  /**
   * NODEWARD_KAFKA_BOOTSTRAP (default 127.0.0.1:9092), NODEWARD_KAFKA_DELIVERY_TIMEOUT (30s),
   * NODEWARD_KAFKA_POLL_TIMEOUT (100ms), the security variables of {@link KafkaSecurity#fromEnv} and the signing
   * variables of {@link EventSigning#fromEnv}.
   */
  public static KafkaSettings fromEnv(Env env, String clientId) {
    return new KafkaSettings(
        env.string(BOOTSTRAP_VARIABLE, "127.0.0.1:9092"),
        clientId,
        env.duration("NODEWARD_KAFKA_DELIVERY_TIMEOUT", Duration.ofSeconds(30)),
        env.duration("NODEWARD_KAFKA_POLL_TIMEOUT", Duration.ofMillis(100)),
        KafkaSecurity.fromEnv(env),
        EventSigning.fromEnv(env));
  }

  public Duration closeTimeout() {
    return CLOSE_TIMEOUT;
  }

  public KafkaSettings withPollTimeout(Duration timeout) {
    return new KafkaSettings(bootstrapServers, clientId, deliveryTimeout, timeout, security, signing);
  }

  public KafkaSettings withClientId(String id) {
    return new KafkaSettings(bootstrapServers, id, deliveryTimeout, pollTimeout, security, signing);
  }

  public KafkaSettings withDeliveryTimeout(Duration timeout) {
    return new KafkaSettings(bootstrapServers, clientId, timeout, pollTimeout, security, signing);
  }

  public KafkaSettings withSecurity(KafkaSecurity newSecurity) {
    return new KafkaSettings(bootstrapServers, clientId, deliveryTimeout, pollTimeout, newSecurity, signing);
  }

  public KafkaSettings withSigning(EventSigning newSigning) {
    return new KafkaSettings(bootstrapServers, clientId, deliveryTimeout, pollTimeout, security, newSigning);
  }

  public Map<String, String> producerConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", clientId + "-producer");
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("max.in.flight.requests.per.connection", "5");
    config.put("linger.ms", "1");
    long delivery = Math.max(deliveryTimeout.toMillis(), 1_000);
    config.put("delivery.timeout.ms", Long.toString(delivery));
    // delivery.timeout.ms must be >= linger.ms + request.timeout.ms
    config.put("request.timeout.ms", Long.toString(Math.min(30_000, delivery - 1)));
    config.put("max.block.ms", Long.toString(Math.min(60_000, delivery)));
    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    config.putAll(security.clientConfig());
    return config;
  }

  /** Consumer settings; {@code groupId} null means no group (assigned partitions, nothing committed). */
  public Map<String, String> consumerConfig(String groupId, int maxPollRecords) {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", clientId + "-consumer");
    if (groupId != null) {
      config.put("group.id", groupId);
    }
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", Integer.toString(maxPollRecords));
    config.put("fetch.max.wait.ms", Long.toString(Math.max(10, pollTimeout.toMillis())));
    // Offsets, positions and commits give up after 10 s instead of Kafka's 60 s: during a broker outage the
    // consumer's one worker thread must stay free for freshness checks and a timely close.
    config.put("default.api.timeout.ms", "10000");
    config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    config.putAll(security.clientConfig());
    return config;
  }

  public Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", bootstrapServers, "client.id", clientId + "-admin",
        "request.timeout.ms", "15000", "default.api.timeout.ms", "30000"));
    config.putAll(security.clientConfig());
    return config;
  }
}
