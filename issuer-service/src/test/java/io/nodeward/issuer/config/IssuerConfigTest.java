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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuerConfigTest {

  @Test
  void theEmbeddedDefaultsNeedNoVariables() {
    IssuerConfig config = IssuerConfig.fromEnv(Env.of(Map.of()));

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
    IssuerConfig config = IssuerConfig.fromEnv(Env.of(Map.of(
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
    ConfigException failure = assertThrows(ConfigException.class, () -> IssuerConfig.fromEnv(Env.of(Map.of(variable, value))));

    assertTrue(failure.getMessage().startsWith(variable), failure.getMessage());
  }

  @Test
  void acmPcaWithoutAnArnFailsNamingTheVariable() {
    ConfigException failure = assertThrows(ConfigException.class,
        () -> IssuerConfig.fromEnv(Env.of(Map.of("NODEWARD_CA_BACKEND", "acm-pca"))));

    assertTrue(failure.getMessage().startsWith("NODEWARD_ACM_PCA_ARN"));
  }

  @Test
  void theKeystorePasswordNeverAppearsInToString() {
    IssuerConfig config = IssuerConfig.fromEnv(Env.of(Map.of("NODEWARD_CA_KEYSTORE_PASSWORD", "s3cr3t-keystore-pw")));

    assertEquals("s3cr3t-keystore-pw", config.caKeystorePassword());
    assertFalse(config.toString().contains("s3cr3t"));
  }
}
