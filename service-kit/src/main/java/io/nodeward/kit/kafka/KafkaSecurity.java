package io.nodeward.kit.kafka;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a service authenticates to the brokers and they to it: TLS with a client certificate, SASL/SCRAM over TLS,
 * or (development only) plaintext. Key material and passwords are read once at start from files (or, for the SASL
 * password, the environment) and handed to the Kafka client inline as its {@code Password} type, which Kafka never
 * logs; {@link #toString()} names only what is configured.
 *
 * @param protocol Kafka's {@code security.protocol}
 * @param trustedCaPem CA certificates (PEM) the brokers' certificates must chain to; null: the JVM's trust store
 * @param certificatePem this service's client certificate chain (PEM), for brokers that require client certificates
 * @param keyPem its private key, unencrypted PKCS#8 PEM
 * @param saslMechanism SCRAM-SHA-512 or SCRAM-SHA-256, for the SASL protocols
 */
public record KafkaSecurity(Protocol protocol, String trustedCaPem, String certificatePem, String keyPem,
    String saslMechanism, String saslUsername, String saslPassword) {

  public enum Protocol {
    PLAINTEXT, SSL, SASL_SSL, SASL_PLAINTEXT;

    boolean tls() {
      return this == SSL || this == SASL_SSL;
    }

    boolean sasl() {
      return this == SASL_SSL || this == SASL_PLAINTEXT;
    }
  }

  public static final String PROTOCOL_VARIABLE = "NODEWARD_KAFKA_SECURITY_PROTOCOL";
  private static final KafkaSecurity PLAINTEXT = new KafkaSecurity(Protocol.PLAINTEXT, null, null, null, null, null, null);

  public KafkaSecurity {
    Objects.requireNonNull(protocol, "protocol");
    if ((certificatePem == null) != (keyPem == null)) {
      throw new IllegalArgumentException("a client certificate needs its key and a key its certificate");
    }
    if (protocol.sasl() && (saslMechanism == null || saslUsername == null || saslPassword == null)) {
      throw new IllegalArgumentException("SASL needs a mechanism, a user name and a password");
    }
  }

  /** No authentication, no encryption: the embedded stack on loopback, and tests. Production refuses it. */
  public static KafkaSecurity plaintext() {
    return PLAINTEXT;
  }

  /** TLS with this client certificate and key, trusting brokers that chain to {@code trustedCaPem}. */
  public static KafkaSecurity mutualTls(String trustedCaPem, String certificatePem, String keyPem) {
    return new KafkaSecurity(Protocol.SSL, trustedCaPem, certificatePem, keyPem, null, null, null);
  }

  /** SCRAM-SHA-512 over TLS. */
  public static KafkaSecurity scram(String trustedCaPem, String username, String password) {
    return new KafkaSecurity(Protocol.SASL_SSL, trustedCaPem, null, null, "SCRAM-SHA-512", username, password);
  }

  /**
   * {@code NODEWARD_KAFKA_SECURITY_PROTOCOL} (plaintext | ssl | sasl_ssl | sasl_plaintext; plaintext),
   * {@code NODEWARD_KAFKA_TLS_CA_PEM}, {@code NODEWARD_KAFKA_TLS_CERT_PEM}, {@code NODEWARD_KAFKA_TLS_KEY_PEM} (files),
   * {@code NODEWARD_KAFKA_SASL_MECHANISM} (scram-sha-512 | scram-sha-256), {@code NODEWARD_KAFKA_SASL_USERNAME},
   * {@code NODEWARD_KAFKA_SASL_PASSWORD_FILE} or {@code NODEWARD_KAFKA_SASL_PASSWORD}.
   */
  public static KafkaSecurity fromEnv(Env env) {
    Protocol protocol = env.enumValue(PROTOCOL_VARIABLE, Protocol.class, Protocol.PLAINTEXT);
    String ca = file(env, "NODEWARD_KAFKA_TLS_CA_PEM");
    String cert = file(env, "NODEWARD_KAFKA_TLS_CERT_PEM");
    String key = file(env, "NODEWARD_KAFKA_TLS_KEY_PEM");
    if ((cert == null) != (key == null)) {
      throw new ConfigException(cert == null ? "NODEWARD_KAFKA_TLS_CERT_PEM" : "NODEWARD_KAFKA_TLS_KEY_PEM",
          "a client certificate and its key are set together");
    }
    if (protocol == Protocol.SSL && cert == null) {
      throw new ConfigException("NODEWARD_KAFKA_TLS_CERT_PEM", "is required with " + PROTOCOL_VARIABLE
          + "=ssl (the brokers authenticate services by their client certificates)");
    }
    String mechanism = switch (env.string("NODEWARD_KAFKA_SASL_MECHANISM", "scram-sha-512").toLowerCase(Locale.ROOT)) {
      case "scram-sha-512" -> "SCRAM-SHA-512";
      case "scram-sha-256" -> "SCRAM-SHA-256";
      default -> throw new ConfigException("NODEWARD_KAFKA_SASL_MECHANISM", "must be one of [scram-sha-256, scram-sha-512]");
    };
    String username = env.string("NODEWARD_KAFKA_SASL_USERNAME", null);
    String password = saslPassword(env);
    if (protocol.sasl()) {
      if (username == null) {
        throw new ConfigException("NODEWARD_KAFKA_SASL_USERNAME", "is required with " + PROTOCOL_VARIABLE + "=" + protocol);
      }
      if (password == null) {
        throw new ConfigException("NODEWARD_KAFKA_SASL_PASSWORD_FILE", "(or NODEWARD_KAFKA_SASL_PASSWORD) is required with "
            + PROTOCOL_VARIABLE + "=" + protocol);
      }
    }
    return new KafkaSecurity(protocol, ca, cert, key, protocol.sasl() ? mechanism : null,
        protocol.sasl() ? username : null, protocol.sasl() ? password : null);
  }

  private static String saslPassword(Env env) {
    Path file = env.path("NODEWARD_KAFKA_SASL_PASSWORD_FILE", null);
    if (file != null) {
      String password = read("NODEWARD_KAFKA_SASL_PASSWORD_FILE", file).strip();
      if (password.isEmpty()) {
        throw new ConfigException("NODEWARD_KAFKA_SASL_PASSWORD_FILE", "is empty");
      }
      return password;
    }
    return env.secret("NODEWARD_KAFKA_SASL_PASSWORD", null);
  }

  private static String file(Env env, String variable) {
    Path path = env.path(variable, null);
    return path == null ? null : read(variable, path);
  }

  private static String read(String variable, Path path) {
    try {
      return Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(variable, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The client properties for this security: the same for producers, consumers and admin clients. */
  public Map<String, String> clientConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("security.protocol", protocol.name());
    if (protocol.tls()) {
      if (trustedCaPem != null) {
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.certificates", trustedCaPem);
      }
      if (certificatePem != null) {
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.certificate.chain", certificatePem);
        config.put("ssl.keystore.key", keyPem);
      }
      // Hostname verification stays on (Kafka's default "https"): a broker certificate must name the address dialled.
    }
    if (protocol.sasl()) {
      config.put("sasl.mechanism", saslMechanism);
      config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
          + jaasEscape(saslUsername) + "\" password=\"" + jaasEscape(saslPassword) + "\";");
    }
    return config;
  }

  /** JAAS option values are quoted strings: a quote or backslash in a password must not end the value. */
  private static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  public boolean authenticated() {
    return protocol != Protocol.PLAINTEXT || certificatePem != null;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("KafkaSecurity[").append(protocol);
    if (certificatePem != null) {
      text.append(", client certificate");
    }
    if (trustedCaPem != null) {
      text.append(", pinned CA");
    }
    if (protocol.sasl()) {
      text.append(", ").append(saslMechanism).append(" as ").append(saslUsername);
    }
    return text.append(']').toString();
  }
}
