package io.nodeward.lambda.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LambdaConfigTest {

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  static final String[] SECRET = {"NODEWARD_LAMBDA_AUTHORIZE_URL", "https://authorizer.nodeward.internal:8445/authorize",
      "NODEWARD_LAMBDA_IDENTITY_SECRET", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x", "AWS_REGION", "eu-west-1"};

  @Test
  void aSecretIdentityWithDefaults() {
    LambdaConfig config = LambdaConfig.fromEnv(env(SECRET));
    assertEquals(Duration.ofSeconds(2), config.timeout());
    LambdaConfig.SecretLocation secret = assertInstanceOf(LambdaConfig.SecretLocation.class, config.identity());
    assertEquals("eu-west-1", secret.region());
    assertTrue(secret.endpoint().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://authorizer:8082/authorize", "https://user:pw@authorizer/authorize",
      "https:///authorize", "not a url", "https://a/authorize?x=1"})
  void theAuthorizeUrlMustBeAPlainHttpsUrl(String url) {
    Map<String, String> env = env(SECRET);
    env.put("NODEWARD_LAMBDA_AUTHORIZE_URL", url);
    LambdaConfigException e = assertThrows(LambdaConfigException.class, () -> LambdaConfig.fromEnv(env));
    assertTrue(e.getMessage().startsWith("NODEWARD_LAMBDA_AUTHORIZE_URL"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "26s", "2 s", "2m", "-1s"})
  void theTimeoutIsPositiveAndShorterThanApiGatewaysLimit(String timeout) {
    Map<String, String> env = env(SECRET);
    env.put("NODEWARD_LAMBDA_TIMEOUT", timeout);
    LambdaConfigException e = assertThrows(LambdaConfigException.class, () -> LambdaConfig.fromEnv(env));
    assertTrue(e.getMessage().startsWith("NODEWARD_LAMBDA_TIMEOUT"), e.getMessage());
  }

  @Test
  void anIdentityIsRequiredAndOnlyOneWay() {
    assertTrue(assertThrows(LambdaConfigException.class, () -> LambdaConfig.fromEnv(env(
        "NODEWARD_LAMBDA_AUTHORIZE_URL", "https://a/authorize"))).getMessage().contains("NODEWARD_LAMBDA_IDENTITY_SECRET"));
    Map<String, String> both = env(SECRET);
    both.put("NODEWARD_LAMBDA_CLIENT_CERT_PEM", "/x/cert.pem");
    assertThrows(LambdaConfigException.class, () -> LambdaConfig.fromEnv(both));
    assertTrue(assertThrows(LambdaConfigException.class, () -> LambdaConfig.fromEnv(env(
        "NODEWARD_LAMBDA_AUTHORIZE_URL", "https://a/authorize", "NODEWARD_LAMBDA_CLIENT_CERT_PEM", "/x/c.pem")))
        .getMessage().startsWith("NODEWARD_LAMBDA_CLIENT_KEY_PEM"));
  }

  @Test
  void aClientIdentityNeverShowsItsKey() {
    ClientIdentity identity = new ClientIdentity("-----BEGIN CERTIFICATE-----x", "-----BEGIN PRIVATE KEY-----secret",
        "-----BEGIN CERTIFICATE-----y");
    assertTrue(!identity.toString().contains("secret"));
  }

  /** The README's Lambda table names every variable LambdaConfig reads. */
  @Test
  void everyVariableIsInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    for (Field field : LambdaConfig.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String name = (String) field.get(null);
        assertTrue(readme.contains("`" + name + "`"), "README.md does not document " + name);
      }
    }
  }
}
