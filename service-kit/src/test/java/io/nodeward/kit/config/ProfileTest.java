package io.nodeward.kit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.kafka.KafkaSecurity;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

  @Test
  void productionIsTheDefaultAndDevMustBeSaid() {
    assertEquals(Profile.PRODUCTION, Profile.fromEnv(Env.of(Map.of())));
    assertEquals(Profile.DEV, Profile.fromEnv(Env.of(Map.of("NODEWARD_PROFILE", "dev"))));
    assertEquals(Profile.PRODUCTION, Profile.fromEnv(Env.of(Map.of("NODEWARD_PROFILE", "Production"))));
    ConfigException e = assertThrows(ConfigException.class,
        () -> Profile.fromEnv(Env.of(Map.of("NODEWARD_PROFILE", "staging"))));
    assertTrue(e.getMessage().startsWith("NODEWARD_PROFILE: must be one of [dev, production]"), e.getMessage());
  }

  @Test
  void ownerOnlyFilesPassAndOthersAreRefusedNamingTheVariable(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"), "key");
    for (String open : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "r-----r--"}) {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(open));
      ConfigException e = assertThrows(ConfigException.class, () -> Profile.PRODUCTION.requireOwnerOnly("KEY_VAR", key));
      assertTrue(e.getMessage().startsWith("KEY_VAR: " + key + " is readable by others (" + open + ")"), e.getMessage());
      Profile.DEV.requireOwnerOnly("KEY_VAR", key);
    }
    for (String closed : new String[] {"rw-------", "r--------"}) {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(closed));
      Profile.PRODUCTION.requireOwnerOnly("KEY_VAR", key);
    }
    Profile.PRODUCTION.requireOwnerOnly("KEY_VAR", dir.resolve("missing.pem")); // left to the code that reads it
  }

  @Test
  void productionNeedsKafkaOverTls() {
    Env env = Env.of(Map.of());
    for (KafkaSecurity.Protocol clear : Set.of(KafkaSecurity.Protocol.PLAINTEXT, KafkaSecurity.Protocol.SASL_PLAINTEXT)) {
      KafkaSecurity security = new KafkaSecurity(clear, null, null, null, "SCRAM-SHA-512", "u", "p");
      ConfigException e = assertThrows(ConfigException.class, () -> Profile.PRODUCTION.requireProductionKafka(env, security));
      assertTrue(e.getMessage().startsWith("NODEWARD_KAFKA_SECURITY_PROTOCOL: must be ssl or sasl_ssl"), e.getMessage());
      Profile.DEV.requireProductionKafka(env, security);
    }
    Profile.PRODUCTION.requireProductionKafka(env, KafkaSecurity.scram(null, "u", "p"));
  }

  @Test
  void productionNeedsARealPoolOverHttps() {
    CognitoConfig dev = CognitoConfig.of(CognitoConfig.DEV_ISSUER, Set.of("c"));
    assertTrue(assertThrows(ConfigException.class, () -> Profile.PRODUCTION.requireProductionPool(dev)).getMessage()
        .startsWith("NODEWARD_COGNITO_ISSUER: is the dev identity provider's pool"));
    CognitoConfig http = CognitoConfig.of("http://cognito.example/pool", Set.of("c"));
    assertTrue(assertThrows(ConfigException.class, () -> Profile.PRODUCTION.requireProductionPool(http)).getMessage()
        .startsWith("NODEWARD_COGNITO_ISSUER: must be an https URL"));
    CognitoConfig real = CognitoConfig.of(CognitoConfig.cognitoIssuer("eu-west-1", "eu-west-1_X"), Set.of("c"));
    Profile.PRODUCTION.requireProductionPool(real);
    assertTrue(assertThrows(ConfigException.class,
        () -> Profile.PRODUCTION.requireProductionPool(real.withJwksUri("http://keys.example/jwks.json"))).getMessage()
        .startsWith("NODEWARD_COGNITO_JWKS_URI: "));
    Profile.DEV.requireProductionPool(dev);
    Profile.PRODUCTION.requireHttps("X", URI.create("https://x.example"));
  }
}
