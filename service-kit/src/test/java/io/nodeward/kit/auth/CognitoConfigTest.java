package io.nodeward.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CognitoConfigTest {

  @Test
  void defaultsFollowCognito() {
    CognitoConfig config = CognitoConfig.of(CognitoConfig.cognitoIssuer("eu-west-1", "eu-west-1_AbC"), Set.of("c"));

    assertEquals("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", config.issuer());
    assertEquals("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC/.well-known/jwks.json", config.jwksUri());
    assertEquals(Duration.ofSeconds(60), config.clockSkew());
    assertEquals(Duration.ofSeconds(30), config.minJwksRefreshInterval());
  }

  @Test
  void noClientIdsIsAMistakeNotAWildcard() {
    assertThrows(IllegalArgumentException.class, () -> CognitoConfig.of("https://idp.example/pool", Set.of()));
  }

  @Test
  void theIssuerMustBeAnHttpUrlWithoutTrailingSlash() {
    assertThrows(IllegalArgumentException.class, () -> CognitoConfig.of("idp.example/pool", Set.of("c")));
    assertThrows(IllegalArgumentException.class, () -> CognitoConfig.of("https://idp.example/pool/", Set.of("c")));
  }
}
