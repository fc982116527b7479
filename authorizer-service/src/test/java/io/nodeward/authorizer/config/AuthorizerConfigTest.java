package io.nodeward.authorizer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizerConfigTest {

  /** The development profile unless the test sets one: most tests here are about other variables. */
  private static Env dev(Map<String, String> variables) {
    Map<String, String> all = new java.util.HashMap<>(Map.of("NODEWARD_PROFILE", "dev"));
    all.putAll(variables);
    return Env.of(all);
  }

  static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", "/etc/nodeward/ca.pem");
    env.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", "/etc/nodeward/gateway.pem");
    env.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", "/etc/nodeward/gateway.key");
    return env;
  }

  @Test
  void theDefaultsAreTheEmbeddedOnes() {
    AuthorizerConfig config = AuthorizerConfig.fromEnv(dev(minimal()));
    assertEquals("127.0.0.1", config.gatewayHost());
    assertEquals(8443, config.gatewayPort());
    assertEquals(8082, config.adminPort());
    assertEquals("nodeward.local", config.trustDomain());
    assertEquals("127.0.0.1:9092", config.kafka().bootstrapServers());
    assertEquals(Duration.ofMillis(50), config.kafka().pollTimeout());
    assertEquals(Duration.ofSeconds(5), config.maxStaleness());
    assertEquals(Duration.ofMillis(250), config.freshnessInterval());
    assertEquals(TlsEngine.AUTO, config.tlsEngine());
    assertEquals(Path.of("data", "authorizer", "spool"), config.spoolDir());
    assertEquals(256L * 1024 * 1024, config.spoolMaxBytes());
  }

  @Test
  void theAuthorizeListenerIsOffUntilCallersAreListedAndThenTrustsTheChainByDefault() {
    AuthorizerConfig off = AuthorizerConfig.fromEnv(dev(minimal()));
    assertEquals(false, off.authorizeApi().enabled());
    Map<String, String> env = minimal();
    env.put("NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS", "spiffe://nodeward.local/service/lambda-authorizer, "
        + "spiffe://nodeward.local/service/other");
    AuthorizeApiSettings on = AuthorizerConfig.fromEnv(dev(env)).authorizeApi();
    assertTrue(on.enabled());
    assertEquals(8445, on.port());
    assertEquals("127.0.0.1", on.host());
    assertEquals(Path.of("/etc/nodeward/ca.pem"), on.clientCaPem());
    assertEquals(java.util.List.of("spiffe://nodeward.local/service/lambda-authorizer",
        "spiffe://nodeward.local/service/other"), on.callers());
    assertEquals(1000, on.ratePerSecond());
  }

  @ParameterizedTest
  @CsvSource({"NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS, lambda-authorizer",
      "NODEWARD_AUTHORIZER_AUTHORIZE_RATE, 0"})
  void aMalformedAuthorizeListenerSettingIsNamed(String variable, String value) {
    Map<String, String> env = minimal();
    env.put("NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS", "spiffe://nodeward.local/service/lambda-authorizer");
    env.put(variable, value);
    ConfigException e = assertThrows(ConfigException.class, () -> AuthorizerConfig.fromEnv(dev(env)));
    assertTrue(e.getMessage().contains(variable), e.getMessage());
  }

  @Test
  void everyVariableIsRead() {
    Map<String, String> env = minimal();
    env.put("NODEWARD_KAFKA_BOOTSTRAP", "kafka:9092");
    env.put("NODEWARD_DATA_DIR", "/var/lib/nodeward");
    env.put("NODEWARD_TRUST_DOMAIN", "example.org");
    env.put("NODEWARD_AUTHORIZER_GATEWAY_HOST", "0.0.0.0");
    env.put("NODEWARD_AUTHORIZER_GATEWAY_PORT", "9443");
    env.put("NODEWARD_AUTHORIZER_ADMIN_PORT", "9082");
    env.put("NODEWARD_AUTHORIZER_MAX_STALENESS", "2s");
    env.put("NODEWARD_AUTHORIZER_FRESHNESS_INTERVAL", "100ms");
    env.put("NODEWARD_AUTHORIZER_SPOOL_MAX_BYTES", "1048576");
    env.put("NODEWARD_AUTHORIZER_TLS_ENGINE", "jdk");
    env.put("NODEWARD_AUTHORIZER_INSTANCE_ID", "authorizer-a");
    env.put("NODEWARD_AUTHORIZER_GATEWAY_INSTANCES", "4");
    AuthorizerConfig config = AuthorizerConfig.fromEnv(dev(env));
    assertEquals("kafka:9092", config.kafka().bootstrapServers());
    assertEquals(Path.of("/var/lib/nodeward/authorizer/spool"), config.spoolDir());
    assertEquals("example.org", config.trustDomain());
    assertEquals(9443, config.gatewayPort());
    assertEquals(Duration.ofSeconds(2), config.maxStaleness());
    assertEquals(TlsEngine.JDK, config.tlsEngine());
    assertEquals("authorizer-a", config.instanceId());
    assertEquals(4, config.gatewayInstances());
  }

  @ParameterizedTest(name = "{0}={1} is refused naming the variable")
  @CsvSource({
      "NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM, ''",
      "NODEWARD_AUTHORIZER_TLS_KEY_PEM, ''",
      "NODEWARD_AUTHORIZER_MAX_STALENESS, 0s",
      "NODEWARD_AUTHORIZER_FRESHNESS_INTERVAL, 10s",
      "NODEWARD_AUTHORIZER_GATEWAY_PORT, 70000",
      "NODEWARD_AUTHORIZER_SPOOL_MAX_BYTES, 10",
      "NODEWARD_AUTHORIZER_TLS_ENGINE, gnutls",
      "NODEWARD_TRUST_DOMAIN, Not/A/Domain",
  })
  void aBadValueIsRefusedNamingTheVariable(String name, String value) {
    Map<String, String> env = minimal();
    env.put(name, value);
    ConfigException e = assertThrows(ConfigException.class, () -> AuthorizerConfig.fromEnv(dev(env)));
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  // NODEWARD_PROFILE=production, the default (issue 13.7).

  private static Map<String, String> production() {
    Map<String, String> env = minimal();
    env.put("NODEWARD_KAFKA_SECURITY_PROTOCOL", "sasl_ssl");
    env.put("NODEWARD_KAFKA_SASL_USERNAME", "authorizer");
    env.put("NODEWARD_KAFKA_SASL_PASSWORD", "scram-password");
    return env;
  }

  private static String refusal(Map<String, String> env) {
    String message = assertThrows(ConfigException.class, () -> AuthorizerConfig.fromEnv(Env.of(env))).getMessage();
    assertTrue(!message.contains("\n") && message.contains("NODEWARD_PROFILE=production"), message);
    return message;
  }

  @Test
  void productionRefusesPlaintextKafkaWhichIsTheDefault() {
    AuthorizerConfig.fromEnv(Env.of(production()));
    assertTrue(refusal(minimal()).startsWith("NODEWARD_KAFKA_SECURITY_PROTOCOL: "));
    Map<String, String> env = production();
    env.put("NODEWARD_KAFKA_SECURITY_PROTOCOL", "sasl_plaintext");
    assertTrue(refusal(env).startsWith("NODEWARD_KAFKA_SECURITY_PROTOCOL: "));
  }

  @Test
  void productionRefusesKeyFilesOthersMayRead(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("gateway.key"), "key");
    Path password = Files.writeString(dir.resolve("scram"), "scram-password");
    Map<String, String> env = production();
    env.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", key.toString());
    env.remove("NODEWARD_KAFKA_SASL_PASSWORD");
    env.put("NODEWARD_KAFKA_SASL_PASSWORD_FILE", password.toString());
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertTrue(refusal(env).startsWith("NODEWARD_AUTHORIZER_TLS_KEY_PEM: "));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
    AuthorizerConfig.fromEnv(Env.of(env));
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw----r--"));
    assertTrue(refusal(env).startsWith("NODEWARD_KAFKA_SASL_PASSWORD_FILE: "));
    env.put("NODEWARD_PROFILE", "dev");
    AuthorizerConfig.fromEnv(Env.of(env));
  }
}
