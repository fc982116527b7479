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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditConfigTest {

  @Test
  void theDefaultsAreTheEmbeddedStack() {
    AuditConfig config = AuditConfig.fromEnv(Env.of(Map.of()));
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
    AuditConfig config = AuditConfig.fromEnv(Env.of(Map.of(
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
    ConfigException e = assertThrows(ConfigException.class, () -> AuditConfig.fromEnv(Env.of(Map.of(variable, value))));
    assertTrue(e.getMessage().startsWith(named), e.getMessage());
  }

  @Test
  void productionNeedsAKeyFileOutsideTheDataDirectoryAndNeverCreatesOne() {
    ConfigException missing = assertThrows(ConfigException.class,
        () -> AuditConfig.fromEnv(Env.of(Map.of("NODEWARD_PROFILE", "production"))));
    assertTrue(missing.getMessage().startsWith("NODEWARD_AUDIT_LOG_KEY_FILE"), missing.getMessage());
    ConfigException inside = assertThrows(ConfigException.class, () -> AuditConfig.fromEnv(Env.of(Map.of(
        "NODEWARD_PROFILE", "production", "NODEWARD_DATA_DIR", "/var/lib/nodeward",
        "NODEWARD_AUDIT_LOG_KEY_FILE", "/var/lib/nodeward/audit/key.pem"))));
    assertTrue(inside.getMessage().contains("outside NODEWARD_DATA_DIR"), inside.getMessage());
    AuditConfig ok = AuditConfig.fromEnv(Env.of(Map.of("NODEWARD_PROFILE", "production", "NODEWARD_DATA_DIR", "/var/lib/nodeward",
        "NODEWARD_AUDIT_LOG_KEY_FILE", "/etc/nodeward/audit-log-key.pem", "NODEWARD_AUDIT_LOG_ORIGIN", "audit.example.com/log")));
    assertFalse(ok.log().createKey());
    assertEquals("audit.example.com/log", ok.log().keyName());
  }

  @Test
  void postgresNeedsAnExplicitUrl() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AuditConfig.fromEnv(Env.of(Map.of("NODEWARD_AUDIT_STORE", "postgres"))));
    assertTrue(e.getMessage().startsWith("NODEWARD_AUDIT_JDBC_URL"));
  }

  @Test
  void theJdbcPasswordNeverShowsInTheConfigsText() {
    AuditConfig config = AuditConfig.fromEnv(Env.of(Map.of("NODEWARD_AUDIT_STORE", "postgres",
        "NODEWARD_AUDIT_JDBC_URL", "jdbc:postgresql://db:5432/nodeward?user=audit&password=s3cret-pw&ssl=true")));
    String text = config.toString();
    assertFalse(text.contains("s3cret-pw"), text);
    assertTrue(text.contains("password=***") && text.contains("ssl=true"), text);
  }
}
