package io.nodeward.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.EventKeys;
import io.nodeward.events.ProducerRole;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {

  @TempDir
  Path dir;

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void plaintextByDefault() {
    KafkaSettings settings = KafkaSettings.fromEnv(Env.of(Map.of()), "x");
    assertEquals(KafkaSecurity.Protocol.PLAINTEXT, settings.security().protocol());
    assertEquals("PLAINTEXT", settings.producerConfig().get("security.protocol"));
    assertFalse(settings.signing().trust().enforcing());
    assertTrue(settings.signing().signerIfAny().isEmpty());
  }

  @Test
  void mutualTlsFromFilesReachesEveryClientAndNeverItsText() throws Exception {
    Env env = Env.of(Map.of("NODEWARD_KAFKA_SECURITY_PROTOCOL", "ssl",
        "NODEWARD_KAFKA_TLS_CA_PEM", file("ca.pem", "CA-PEM").toString(),
        "NODEWARD_KAFKA_TLS_CERT_PEM", file("cert.pem", "CERT-PEM").toString(),
        "NODEWARD_KAFKA_TLS_KEY_PEM", file("key.pem", "SECRET-KEY-PEM").toString()));
    KafkaSettings settings = KafkaSettings.fromEnv(env, "issuer");
    for (Map<String, ?> config : java.util.List.of(settings.producerConfig(), settings.consumerConfig("g", 1), settings.adminConfig())) {
      assertEquals("SSL", config.get("security.protocol"));
      assertEquals("PEM", config.get("ssl.keystore.type"));
      assertEquals("SECRET-KEY-PEM", config.get("ssl.keystore.key"));
      assertEquals("CA-PEM", config.get("ssl.truststore.certificates"));
    }
    assertFalse(settings.toString().contains("SECRET"), settings.toString());
    assertTrue(settings.toString().contains("client certificate"), settings.toString());
  }

  @Test
  void scramFromAPasswordFileWithQuotesEscapedAndNeverPrinted() throws Exception {
    Env env = Env.of(Map.of("NODEWARD_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
        "NODEWARD_KAFKA_SASL_USERNAME", "issuer",
        "NODEWARD_KAFKA_SASL_PASSWORD_FILE", file("password", "pa\"ss\\word\n").toString()));
    KafkaSettings settings = KafkaSettings.fromEnv(env, "issuer");
    Map<String, String> config = settings.producerConfig();
    assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
    assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"issuer\" password=\"pa\\\"ss\\\\word\";",
        config.get("sasl.jaas.config"));
    assertNull(config.get("ssl.keystore.key"));
    assertFalse(settings.toString().contains("pa\"ss"), settings.toString());
  }

  @Test
  void eachMissingPieceIsNamed() throws Exception {
    assertEquals("NODEWARD_KAFKA_TLS_CERT_PEM", variable(Map.of("NODEWARD_KAFKA_SECURITY_PROTOCOL", "ssl")));
    assertEquals("NODEWARD_KAFKA_SASL_USERNAME", variable(Map.of("NODEWARD_KAFKA_SECURITY_PROTOCOL", "sasl_ssl")));
    assertEquals("NODEWARD_KAFKA_SASL_PASSWORD_FILE", variable(Map.of("NODEWARD_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
        "NODEWARD_KAFKA_SASL_USERNAME", "x")));
    assertEquals("NODEWARD_KAFKA_TLS_KEY_PEM", variable(Map.of("NODEWARD_KAFKA_TLS_CERT_PEM", file("c", "x").toString())));
    assertEquals("NODEWARD_KAFKA_TLS_CA_PEM", variable(Map.of("NODEWARD_KAFKA_TLS_CA_PEM", dir.resolve("missing").toString())));
    assertEquals("NODEWARD_KAFKA_SECURITY_PROTOCOL", variable(Map.of("NODEWARD_KAFKA_SECURITY_PROTOCOL", "tls")));
    assertEquals("NODEWARD_KAFKA_SASL_MECHANISM", variable(Map.of("NODEWARD_KAFKA_SASL_MECHANISM", "plain")));
  }

  @Test
  void signingKeysFromPemFiles() throws Exception {
    EventKeyFiles.KeyPairFiles issuer = EventKeyFiles.ensure(dir.resolve("keys"), "issuer");
    EventKeyFiles.KeyPairFiles audit = EventKeyFiles.ensure(dir.resolve("keys"), "audit");
    Env env = Env.of(Map.of("NODEWARD_EVENT_SIGNING_KEY", issuer.privateKey().toString(),
        "NODEWARD_EVENT_KEYS_ISSUER", issuer.publicKey().toString(),
        "NODEWARD_EVENT_KEYS_AUDIT", audit.publicKey().toString()));
    EventSigning signing = EventSigning.fromEnv(env);
    assertTrue(signing.trust().enforcing());
    assertEquals(Map.of(ProducerRole.ISSUER, 1, ProducerRole.AUDIT, 1), signing.trust().pinnedKeyCounts());
    byte[] publicKey = EventSigning.blocks("x", issuer.publicKey(), "PUBLIC KEY").get(0);
    assertEquals(EventKeys.keyId(publicKey), signing.signer().keyId());
    assertFalse(signing.toString().contains("PRIVATE"));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(issuer.privateKey())));
    assertEquals(issuer, EventKeyFiles.ensure(dir.resolve("keys"), "issuer"), "kept across restarts");
    assertEquals(signing.signer().keyId(), EventSigning.fromEnv(env).signer().keyId());
  }

  @Test
  void aPublicKeyFileWhereTheSigningKeyShouldBeIsRefusedByName() throws Exception {
    EventKeyFiles.KeyPairFiles issuer = EventKeyFiles.ensure(dir.resolve("keys"), "issuer");
    assertEquals("NODEWARD_EVENT_SIGNING_KEY", variable(Map.of("NODEWARD_EVENT_SIGNING_KEY", issuer.publicKey().toString())));
    assertEquals("NODEWARD_EVENT_KEYS_AUTHORIZER", variable(Map.of("NODEWARD_EVENT_KEYS_AUTHORIZER",
        file("not-pem", "hello").toString())));
  }

  private static String variable(Map<String, String> values) {
    ConfigException e = assertThrows(ConfigException.class, () -> KafkaSettings.fromEnv(Env.of(values), "x"));
    return e.getMessage().substring(0, e.getMessage().indexOf(':'));
  }
}
