package io.nodeward.console.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

  /** The development profile unless the test sets one: most tests here are about other variables. */
  private static Env dev(Map<String, String> variables) {
    Map<String, String> all = new java.util.HashMap<>(Map.of("NODEWARD_PROFILE", "dev"));
    all.putAll(variables);
    return Env.of(all);
  }

  private static ConsoleConfig of(Map<String, String> env) {
    return ConsoleConfig.fromEnv(dev(env));
  }

  private static String refusedVariable(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> of(env)).getMessage();
  }

  @Test
  void defaultsAreTheStacks() {
    ConsoleConfig config = ConsoleConfig.defaults();

    assertEquals("127.0.0.1", config.host());
    assertEquals(3000, config.port());
    assertEquals(URI.create("http://127.0.0.1:3000"), config.publicUrl(3000));
    assertEquals(URI.create("http://127.0.0.1:8080"), config.issuerUrl());
    assertEquals(URI.create("http://127.0.0.1:8081"), config.auditUrl());
    assertEquals(URI.create("http://127.0.0.1:9229"), config.hostedUiBackchannelUrl());
    assertEquals("nodeward-console", config.clientId());
    assertEquals(Set.of("nodeward-console"), config.cognito().allowedClientIds(), "only the console's own tokens");
    assertEquals(Duration.ofMinutes(5), config.refreshBefore());
    assertFalse(config.secureCookies(3000));
  }

  @Test
  void anHttpsPublicUrlMeansSecureCookies() {
    ConsoleConfig config = of(Map.of("NODEWARD_CONSOLE_PUBLIC_URL", "https://console.example.com"));

    assertTrue(config.secureCookies(3000));
    assertEquals(URI.create("https://console.example.com"), config.publicUrl(3000));
  }

  @Test
  void plainHttpIsOnlyForLoopback() {
    assertTrue(refusedVariable(Map.of("NODEWARD_CONSOLE_PUBLIC_URL", "http://console.example.com")).contains("NODEWARD_CONSOLE_PUBLIC_URL"));
    assertFalse(of(Map.of("NODEWARD_CONSOLE_PUBLIC_URL", "http://localhost:3000")).secureCookies(3000));
  }

  @Test
  void badValuesNameTheirVariable() {
    assertTrue(refusedVariable(Map.of("NODEWARD_CONSOLE_ISSUER_URL", "ftp://x")).contains("NODEWARD_CONSOLE_ISSUER_URL"));
    assertTrue(refusedVariable(Map.of("NODEWARD_CONSOLE_AUDIT_URL", "http://x/with/path")).contains("NODEWARD_CONSOLE_AUDIT_URL"));
    assertTrue(refusedVariable(Map.of("NODEWARD_CONSOLE_SCOPES", "email")).contains("NODEWARD_CONSOLE_SCOPES"));
    assertTrue(refusedVariable(Map.of("NODEWARD_CONSOLE_LIVE_INTERVAL", "5s")).contains("NODEWARD_CONSOLE_LIVE_INTERVAL"));
    assertTrue(refusedVariable(Map.of("NODEWARD_CONSOLE_SESSION_IDLE", "2h", "NODEWARD_CONSOLE_SESSION_MAX_AGE", "1h"))
        .contains("NODEWARD_CONSOLE_SESSION_MAX_AGE"));
    assertTrue(refusedVariable(Map.of("NODEWARD_CONSOLE_CLIENT_ID", "a b")).contains("NODEWARD_CONSOLE_CLIENT_ID"));
  }

  @Test
  void theClientSecretIsNeverPrinted() {
    ConsoleConfig config = of(Map.of("NODEWARD_CONSOLE_CLIENT_SECRET", "s3cr3t-value"));

    assertEquals("s3cr3t-value", config.clientSecret());
    assertFalse(config.toString().contains("s3cr3t-value"));
  }

  // NODEWARD_PROFILE=production, the default (issue 13.7).

  private static Map<String, String> production() {
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_CONSOLE_PUBLIC_URL", "https://console.example.com");
    env.put("NODEWARD_CONSOLE_HOSTED_UI_URL", "https://example.auth.eu-west-1.amazoncognito.com");
    env.put("NODEWARD_COGNITO_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
    return env;
  }

  private static String productionRefusal(Map<String, String> env) {
    String message = assertThrows(ConfigException.class, () -> ConsoleConfig.fromEnv(Env.of(env))).getMessage();
    assertTrue(!message.contains("\n") && message.contains("NODEWARD_PROFILE=production"), message);
    return message;
  }

  @Test
  void productionIsTheDefaultAndRefusesEveryDevDefault() {
    ConsoleConfig.fromEnv(Env.of(production()));
    productionRefusal(Map.of());
    for (String variable : production().keySet()) {
      Map<String, String> env = production();
      env.remove(variable);
      assertTrue(productionRefusal(env).startsWith(variable + ": "), variable);
    }
    Map<String, String> env = production();
    env.put("NODEWARD_CONSOLE_HOSTED_UI_BACKCHANNEL_URL", "http://idp.internal:9229");
    assertTrue(productionRefusal(env).startsWith("NODEWARD_CONSOLE_HOSTED_UI_BACKCHANNEL_URL: "));
    env.put("NODEWARD_PROFILE", "dev");
    ConsoleConfig.fromEnv(Env.of(env));
  }
}
