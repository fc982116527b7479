package io.nodeward.issuer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CaBackend;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.net.URI;
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

class IssuerConfigTest {

  /** The development profile unless the test sets one: most tests here are about other variables. */
  private static Env dev(Map<String, String> variables) {
    Map<String, String> all = new java.util.HashMap<>(Map.of("NODEWARD_PROFILE", "dev"));
    all.putAll(variables);
    return Env.of(all);
  }

  @Test
  void theEmbeddedDefaultsNeedNoVariables() {
    IssuerConfig config = IssuerConfig.fromEnv(dev(Map.of()));

    assertEquals("127.0.0.1", config.host());
    assertEquals(8080, config.port());
    assertEquals("127.0.0.1:9092", config.kafka().bootstrapServers());
    assertEquals(Path.of("data", "issuer"), config.issuerDir());
    assertEquals("nodeward.local", config.profile().trustDomain());
    assertEquals(Duration.ofDays(7), config.profile().defaultValidity());
    assertEquals(Duration.ofDays(30), config.profile().maxValidity());
    assertEquals(CaBackend.LOCAL, config.caBackend());
    assertNull(config.acmPca());
    assertEquals(io.nodeward.kit.auth.CognitoConfig.DEV_ISSUER, config.cognito().issuer());
    assertEquals(64 * 1024, config.bodyLimitBytes());
  }

  @Test
  void acmPcaIsConfiguredFromItsVariables() {
    IssuerConfig config = IssuerConfig.fromEnv(dev(Map.of(
        "NODEWARD_CA_BACKEND", "acm-pca",
        "NODEWARD_ACM_PCA_ARN", "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/abc",
        "NODEWARD_ACM_PCA_REGION", "eu-west-1",
        "NODEWARD_ACM_PCA_ENDPOINT", "http://127.0.0.1:4566",
        "NODEWARD_ACM_PCA_SIGNING_ALGORITHM", "SHA256WITHRSA")));

    assertEquals(CaBackend.ACM_PCA, config.caBackend());
    assertEquals("eu-west-1", config.acmPca().region());
    assertEquals(URI.create("http://127.0.0.1:4566"), config.acmPca().endpoint());
    assertEquals("SHA256WITHRSA", config.acmPca().signingAlgorithm().toString());
  }

  @ParameterizedTest
  @CsvSource({
      "NODEWARD_CA_BACKEND, vault",
      "NODEWARD_ISSUER_PORT, 70000",
      "NODEWARD_CERT_DEFAULT_VALIDITY, 60d",
      "NODEWARD_CERT_MAX_VALIDITY, forever",
      "NODEWARD_TRUST_DOMAIN, Evil/Domain",
      "NODEWARD_COGNITO_ISSUER, not-a-url",
      "NODEWARD_ISSUER_BODY_LIMIT, 10",
  })
  void aBadValueFailsNamingItsVariable(String variable, String value) {
    ConfigException failure = assertThrows(ConfigException.class, () -> IssuerConfig.fromEnv(dev(Map.of(variable, value))));

    assertTrue(failure.getMessage().startsWith(variable), failure.getMessage());
  }

  @Test
  void acmPcaWithoutAnArnFailsNamingTheVariable() {
    ConfigException failure = assertThrows(ConfigException.class,
        () -> IssuerConfig.fromEnv(dev(Map.of("NODEWARD_CA_BACKEND", "acm-pca"))));

    assertTrue(failure.getMessage().startsWith("NODEWARD_ACM_PCA_ARN"));
  }

  @Test
  void theKeystorePasswordNeverAppearsInToString() {
    IssuerConfig config = IssuerConfig.fromEnv(dev(Map.of("NODEWARD_CA_KEYSTORE_PASSWORD", "s3cr3t-keystore-pw")));

    assertEquals("s3cr3t-keystore-pw", config.caKeystorePassword());
    assertFalse(config.toString().contains("s3cr3t"));
  }

  // NODEWARD_PROFILE=production, the default (issue 13.7): each dev default alone stops the start, naming its variable.

  private static Map<String, String> production() {
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_COGNITO_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
    env.put("NODEWARD_KAFKA_SECURITY_PROTOCOL", "sasl_ssl");
    env.put("NODEWARD_KAFKA_SASL_USERNAME", "issuer");
    env.put("NODEWARD_KAFKA_SASL_PASSWORD", "scram-password");
    env.put("NODEWARD_CA_KEYSTORE_PASSWORD", "a-keystore-password-of-our-own");
    return env;
  }

  private static String refusal(Map<String, String> env) {
    String message = assertThrows(ConfigException.class, () -> IssuerConfig.fromEnv(Env.of(env))).getMessage();
    assertFalse(message.contains("\n"), "one line: " + message);
    return message;
  }

  @Test
  void productionIsTheDefaultAndAcceptsAProductionSetup() {
    assertEquals(CaBackend.LOCAL, IssuerConfig.fromEnv(Env.of(production())).caBackend());
    assertTrue(refusal(Map.of()).contains("NODEWARD_PROFILE=production"));
  }

  @ParameterizedTest(name = "{0}={1} is refused in production")
  @CsvSource({
      "NODEWARD_COGNITO_ISSUER, http://127.0.0.1:9229/us-east-1_nodeward",
      "NODEWARD_COGNITO_ISSUER, http://cognito.example/pool",
      "NODEWARD_COGNITO_JWKS_URI, http://cognito.example/jwks.json",
      "NODEWARD_CA_KEYSTORE_PASSWORD, nodeward-dev-keystore",
      "NODEWARD_KAFKA_SECURITY_PROTOCOL, plaintext",
      "NODEWARD_KAFKA_SECURITY_PROTOCOL, sasl_plaintext",
  })
  void aDevDefaultIsRefusedInProduction(String variable, String value) {
    Map<String, String> env = production();
    env.put(variable, value);
    assertTrue(refusal(env).startsWith(variable + ": "), refusal(env));
    env.put("NODEWARD_PROFILE", "dev");
    IssuerConfig.fromEnv(Env.of(env)); // the same values pass in development
  }

  @Test
  void unsetDevDefaultsAreRefusedInProductionToo() {
    Map<String, String> env = production();
    env.remove("NODEWARD_COGNITO_ISSUER");
    assertTrue(refusal(env).startsWith("NODEWARD_COGNITO_ISSUER: "));
    env = production();
    env.remove("NODEWARD_CA_KEYSTORE_PASSWORD");
    assertTrue(refusal(env).startsWith("NODEWARD_CA_KEYSTORE_PASSWORD: "));
    env = production();
    env.remove("NODEWARD_KAFKA_SECURITY_PROTOCOL");
    assertTrue(refusal(env).startsWith("NODEWARD_KAFKA_SECURITY_PROTOCOL: "));
  }

  @Test
  void withAcmPcaTheKeystorePasswordIsNotNeeded() {
    Map<String, String> env = production();
    env.remove("NODEWARD_CA_KEYSTORE_PASSWORD");
    env.put("NODEWARD_CA_BACKEND", "acm-pca");
    env.put("NODEWARD_ACM_PCA_ARN", "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/abc");
    assertEquals(CaBackend.ACM_PCA, IssuerConfig.fromEnv(Env.of(env)).caBackend());
  }

  @Test
  void aKeyFileOthersMayReadIsRefusedInProduction(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("mtls.pem"), "certificate");
    Path key = Files.writeString(dir.resolve("mtls-key.pem"), "key");
    Map<String, String> env = production();
    env.put("NODEWARD_ISSUER_MTLS_CERT_PEM", cert.toString());
    env.put("NODEWARD_ISSUER_MTLS_KEY_PEM", key.toString());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    String refused = refusal(env);
    assertTrue(refused.startsWith("NODEWARD_ISSUER_MTLS_KEY_PEM: ") && refused.contains("rw-r--r--"), refused);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
    assertTrue(refusal(env).startsWith("NODEWARD_ISSUER_MTLS_KEY_PEM: "));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    assertEquals(key, IssuerConfig.fromEnv(Env.of(env)).renewal().keyPem());
  }
}
