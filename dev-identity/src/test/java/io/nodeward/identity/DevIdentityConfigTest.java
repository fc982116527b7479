package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.config.Env;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DevIdentityConfigTest {

  @Test
  void defaultsMatchWhatServicesTrustByDefault() {
    DevIdentityConfig idp = DevIdentityConfig.defaults();
    CognitoConfig service = CognitoConfig.fromEnv(Env.of(Map.of()));

    assertEquals("127.0.0.1", idp.host());
    assertEquals(9229, idp.port());
    assertEquals(Path.of("./data/dev-identity"), idp.identityDir());
    assertNull(idp.issuerBase());
    assertEquals(service.issuer(), "http://" + idp.host() + ":" + idp.port() + "/" + idp.poolId());
    assertEquals(service.allowedClientIds(), Set.copyOf(idp.clientIds()));
  }

  @Test
  void everyVariableIsRead() {
    DevIdentityConfig config = DevIdentityConfig.fromEnv(Map.of(
        "NODEWARD_IDP_HOST", "0.0.0.0",
        "NODEWARD_IDP_PORT", "19229",
        "NODEWARD_IDP_POOL_ID", "eu-west-1_Test1",
        "NODEWARD_IDP_CLIENT_IDS", "a, b",
        "NODEWARD_IDP_REDIRECT_URIS", "https://console.example/cb",
        "NODEWARD_IDP_LOGOUT_URIS", "https://console.example/signed-out",
        "NODEWARD_IDP_ISSUER_BASE", "http://dev-identity:9229/",
        "NODEWARD_DATA_DIR", "/var/lib/nodeward"));

    assertEquals("0.0.0.0", config.host());
    assertEquals(19229, config.port());
    assertEquals("eu-west-1_Test1", config.poolId());
    assertEquals(List.of("a", "b"), config.clientIds());
    assertEquals(List.of("https://console.example/cb"), config.redirectUris());
    assertEquals(List.of("https://console.example/signed-out"), config.logoutUris());
    assertEquals("http://dev-identity:9229", config.issuerBase());
    assertEquals(Path.of("/var/lib/nodeward/dev-identity"), config.identityDir());
  }

  @Test
  void badValuesNameTheirVariable() {
    ConfigException port = assertThrows(ConfigException.class, () -> DevIdentityConfig.fromEnv(Map.of("NODEWARD_IDP_PORT", "nine")));
    ConfigException pool = assertThrows(ConfigException.class, () -> DevIdentityConfig.fromEnv(Map.of("NODEWARD_IDP_POOL_ID", "../etc")));
    ConfigException redirect = assertThrows(ConfigException.class,
        () -> DevIdentityConfig.fromEnv(Map.of("NODEWARD_IDP_REDIRECT_URIS", "javascript:alert(1)")));

    assertTrue(port.getMessage().contains("NODEWARD_IDP_PORT"));
    assertTrue(pool.getMessage().contains("NODEWARD_IDP_POOL_ID"));
    assertTrue(redirect.getMessage().contains("NODEWARD_IDP_REDIRECT_URIS"));
  }

  @Test
  void loopbackRedirectsAreForTheCliByDefaultAndOnlyForRegisteredClients() {
    assertEquals(List.of("nodeward-cli"), DevIdentityConfig.defaults().loopbackClientIds());
    assertEquals(List.of("a"), DevIdentityConfig.fromEnv(Map.of("NODEWARD_IDP_CLIENT_IDS", "a,b",
        "NODEWARD_IDP_LOOPBACK_CLIENT_IDS", "a")).loopbackClientIds());
    assertEquals(List.of(), DevIdentityConfig.fromEnv(Map.of("NODEWARD_IDP_CLIENT_IDS", "a,b")).loopbackClientIds(),
        "the default names nodeward-cli only where it is registered");
    ConfigException unknown = assertThrows(ConfigException.class, () -> DevIdentityConfig.fromEnv(Map.of(
        "NODEWARD_IDP_CLIENT_IDS", "a", "NODEWARD_IDP_LOOPBACK_CLIENT_IDS", "b")));
    assertTrue(unknown.getMessage().contains("NODEWARD_IDP_LOOPBACK_CLIENT_IDS"));
  }
}
