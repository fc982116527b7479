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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizerConfigTest {

  static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", "/etc/nodeward/ca.pem");
    env.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", "/etc/nodeward/gateway.pem");
    env.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", "/etc/nodeward/gateway.key");
    return env;
  }

  @Test
  void theDefaultsAreTheEmbeddedOnes() {
    AuthorizerConfig config = AuthorizerConfig.fromEnv(Env.of(minimal()));
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
    AuthorizerConfig config = AuthorizerConfig.fromEnv(Env.of(env));
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
    ConfigException e = assertThrows(ConfigException.class, () -> AuthorizerConfig.fromEnv(Env.of(env)));
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }
}
