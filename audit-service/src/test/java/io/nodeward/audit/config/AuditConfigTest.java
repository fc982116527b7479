package io.nodeward.audit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditConfigTest {

  /** The development profile unless the test sets one: most tests here are about other variables. */
  private static Env dev(Map<String, String> variables) {
    Map<String, String> all = new java.util.HashMap<>(Map.of("NODEWARD_PROFILE", "dev"));
    all.putAll(variables);
    return Env.of(all);
  }

  @Test
  void theDefaultsAreTheEmbeddedStack() {
    AuditConfig config = AuditConfig.fromEnv(dev(Map.of()));
    assertEquals("127.0.0.1", config.host());
    assertEquals(8081, config.port());
    assertEquals(AuditConfig.StoreKind.SQLITE, config.store());
    assertEquals("jdbc:sqlite:" + Path.of("data", "audit", "audit.db"), config.jdbcUrl());
    assertEquals(Duration.ofSeconds(1), config.checkpointInterval());
    assertEquals("nodeward.local/audit", config.log().origin());
    assertTrue(config.keepsForever());
    assertEquals("nodeward-audit", config.consumerGroup());
    assertEquals("127.0.0.1:9092", config.kafka().bootstrapServers());
  }

  @Test
  void everyVariableIsRead() {
    AuditConfig config = AuditConfig.fromEnv(dev(Map.of(
        "NODEWARD_AUDIT_HOST", "0.0.0.0", "NODEWARD_AUDIT_PORT", "9081", "NODEWARD_AUDIT_STORE", "postgres",
        "NODEWARD_AUDIT_JDBC_URL", "jdbc:postgresql://db:5432/nodeward?currentSchema=audit",
        "NODEWARD_DATA_DIR", "/var/lib/nodeward", "NODEWARD_AUDIT_CHECKPOINT_INTERVAL", "5s",
        "NODEWARD_AUDIT_RETENTION", "P365D", "NODEWARD_KAFKA_BOOTSTRAP", "kafka:9092")));
    assertEquals(9081, config.port());
    assertEquals(AuditConfig.StoreKind.POSTGRES, config.store());
    assertEquals(Duration.ofDays(365), config.retention());
    assertEquals(Duration.ofSeconds(5), config.checkpointInterval());
    assertEquals(Path.of("/var/lib/nodeward/audit/log-key.pem"), config.log().keyFile());
    assertTrue(config.log().createKey(), "outside production a missing key is created");
    assertEquals("kafka:9092", config.kafka().bootstrapServers());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "NODEWARD_AUDIT_STORE|mysql|NODEWARD_AUDIT_STORE",
      "NODEWARD_AUDIT_PORT|70000|NODEWARD_AUDIT_PORT",
      "NODEWARD_AUDIT_CHECKPOINT_INTERVAL|soon|NODEWARD_AUDIT_CHECKPOINT_INTERVAL",
      "NODEWARD_AUDIT_RETENTION|forever|NODEWARD_AUDIT_RETENTION",
      "NODEWARD_AUDIT_JDBC_URL|jdbc:postgresql://db/x|NODEWARD_AUDIT_JDBC_URL",
      "NODEWARD_AUDIT_LOG_ORIGIN|has space|NODEWARD_AUDIT_LOG_ORIGIN",
      "NODEWARD_AUDIT_LOG_KEY_NAME|a+b|NODEWARD_AUDIT_LOG_KEY_NAME"
  })
  void aBadValueIsRefusedNamingItsVariable(String variable, String value, String named) {
    ConfigException e = assertThrows(ConfigException.class, () -> AuditConfig.fromEnv(dev(Map.of(variable, value))));
    assertTrue(e.getMessage().startsWith(named), e.getMessage());
  }

  @Test
  void productionNeedsAKeyFileOutsideTheDataDirectoryAndNeverCreatesOne() {
    ConfigException missing = assertThrows(ConfigException.class,
        () -> AuditConfig.fromEnv(dev(Map.of("NODEWARD_PROFILE", "production"))));
    assertTrue(missing.getMessage().startsWith("NODEWARD_AUDIT_LOG_KEY_FILE"), missing.getMessage());
    ConfigException inside = assertThrows(ConfigException.class, () -> AuditConfig.fromEnv(dev(Map.of(
        "NODEWARD_PROFILE", "production", "NODEWARD_DATA_DIR", "/var/lib/nodeward",
        "NODEWARD_AUDIT_LOG_KEY_FILE", "/var/lib/nodeward/audit/key.pem"))));
    assertTrue(inside.getMessage().contains("outside NODEWARD_DATA_DIR"), inside.getMessage());
    Map<String, String> production = production(Path.of("/etc/nodeward/audit-log-key.pem"));
    production.put("NODEWARD_AUDIT_LOG_ORIGIN", "audit.example.com/log");
    AuditConfig ok = AuditConfig.fromEnv(Env.of(production));
    assertFalse(ok.log().createKey());
    assertEquals("audit.example.com/log", ok.log().keyName());
  }

  @Test
  void postgresNeedsAnExplicitUrl() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AuditConfig.fromEnv(dev(Map.of("NODEWARD_AUDIT_STORE", "postgres"))));
    assertTrue(e.getMessage().startsWith("NODEWARD_AUDIT_JDBC_URL"));
  }

  @Test
  void theJdbcPasswordNeverShowsInTheConfigsText() {
    AuditConfig config = AuditConfig.fromEnv(dev(Map.of("NODEWARD_AUDIT_STORE", "postgres",
        "NODEWARD_AUDIT_JDBC_URL", "jdbc:postgresql://db:5432/nodeward?user=audit&password=s3cret-pw&ssl=true")));
    String text = config.toString();
    assertFalse(text.contains("s3cret-pw"), text);
    assertTrue(text.contains("password=***") && text.contains("ssl=true"), text);
  }

  // NODEWARD_PROFILE=production, the default (issue 13.7).

  private static Map<String, String> production(Path keyFile) {
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_DATA_DIR", "/var/lib/nodeward");
    env.put("NODEWARD_AUDIT_LOG_KEY_FILE", keyFile.toString());
    env.put("NODEWARD_COGNITO_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
    env.put("NODEWARD_KAFKA_SECURITY_PROTOCOL", "sasl_ssl");
    env.put("NODEWARD_KAFKA_SASL_USERNAME", "audit");
    env.put("NODEWARD_KAFKA_SASL_PASSWORD", "scram-password");
    return env;
  }

  private static String refusal(Map<String, String> env) {
    String message = assertThrows(ConfigException.class, () -> AuditConfig.fromEnv(Env.of(env))).getMessage();
    assertFalse(message.contains("\n"), message);
    return message;
  }

  @Test
  void productionIsTheDefault() {
    assertTrue(refusal(Map.of()).startsWith("NODEWARD_AUDIT_LOG_KEY_FILE: "));
  }

  @ParameterizedTest(name = "{0}={1} is refused in production")
  @CsvSource({
      "NODEWARD_COGNITO_ISSUER, http://127.0.0.1:9229/us-east-1_nodeward",
      "NODEWARD_COGNITO_ISSUER, http://cognito.example/pool",
      "NODEWARD_KAFKA_SECURITY_PROTOCOL, plaintext",
  })
  void aDevDefaultIsRefusedInProduction(String variable, String value, @TempDir Path dir) {
    Map<String, String> env = production(dir.resolve("log-key.pem"));
    AuditConfig.fromEnv(Env.of(env));
    env.put(variable, value);
    assertTrue(refusal(env).startsWith(variable + ": "), refusal(env));
    env.remove(variable);
    assertTrue(refusal(env).startsWith(variable + ": "), "unset is the dev default: " + refusal(env));
  }

  @Test
  void productionRefusesALogKeyOthersMayRead(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("log-key.pem"), "key");
    Map<String, String> env = production(key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertTrue(refusal(env).startsWith("NODEWARD_AUDIT_LOG_KEY_FILE: "));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    assertEquals(key, AuditConfig.fromEnv(Env.of(env)).log().keyFile());
  }
}
