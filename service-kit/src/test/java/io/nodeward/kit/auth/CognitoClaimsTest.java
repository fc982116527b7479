package io.nodeward.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The claim rules, table-driven, with the time passed in. */
class CognitoClaimsTest {

  static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc";
  static final CognitoConfig CONFIG = CognitoConfig.of(ISSUER, Set.of("client-a"));
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  static JsonObject access() {
    return new JsonObject()
        .put("sub", "0b1c-sub").put("iss", ISSUER).put("token_use", "access").put("client_id", "client-a")
        .put("username", "alice").put("iat", NOW.getEpochSecond() - 10).put("exp", NOW.getEpochSecond() + 3590);
  }

  static JsonObject id() {
    JsonObject claims = access().put("token_use", "id").put("aud", "client-a").put("cognito:username", "alice");
    claims.remove("client_id");
    claims.remove("username");
    return claims;
  }

  static Arguments refused(String why, String code, JsonObject base, UnaryOperator<JsonObject> change) {
    return Arguments.of(why, code, change.apply(base));
  }

  static Stream<Arguments> refusals() {
    long now = NOW.getEpochSecond();
    return Stream.of(
        refused("expired beyond the skew", "TOKEN_EXPIRED", access(), c -> c.put("exp", now - 61)),
        refused("expiring exactly at now minus skew", "TOKEN_EXPIRED", access(), c -> c.put("exp", now - 60)),
        refused("no exp", "TOKEN_EXPIRED", access(), c -> { c.remove("exp"); return c; }),
        refused("exp not a number", "TOKEN_MALFORMED", access(), c -> c.put("exp", "tomorrow")),
        refused("nbf beyond the skew", "TOKEN_NOT_YET_VALID", access(), c -> c.put("nbf", now + 61)),
        refused("iat beyond the skew", "TOKEN_NOT_YET_VALID", access(), c -> c.put("iat", now + 61)),
        refused("token_use refresh", "TOKEN_USE_INVALID", access(), c -> c.put("token_use", "refresh")),
        refused("no token_use", "TOKEN_USE_INVALID", access(), c -> { c.remove("token_use"); return c; }),
        refused("access token for another client", "TOKEN_AUDIENCE_INVALID", access(), c -> c.put("client_id", "client-b")),
        refused("access token with aud instead of client_id", "TOKEN_AUDIENCE_INVALID", access(),
            c -> { c.remove("client_id"); return c.put("aud", "client-a"); }),
        // ID tokens are never API credentials (issue 13.10), whatever client they name
        refused("id token for an allowed client", "TOKEN_USE_INVALID", id(), c -> c),
        refused("id token for another client", "TOKEN_USE_INVALID", id(), c -> c.put("aud", "client-b")),
        refused("id token with client_id as well", "TOKEN_USE_INVALID", id(), c -> c.put("client_id", "client-a")),
        refused("no sub", "TOKEN_SUBJECT_MISSING", access(), c -> { c.remove("sub"); return c; }),
        refused("blank sub", "TOKEN_SUBJECT_MISSING", access(), c -> c.put("sub", " ")));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("refusals")
  void refusedClaims(String why, String code, JsonObject claims) {
    ProblemException e = assertThrows(ProblemException.class, () -> CognitoClaims.toPrincipal(claims, CONFIG, NOW));
    assertEquals(code, e.problem().code());
    assertEquals(401, e.problem().status());
  }

  @Test
  void anAccessTokenWithinTheSkewIsAccepted() {
    Principal principal = CognitoClaims.toPrincipal(access().put("exp", NOW.getEpochSecond() - 59).put("nbf", NOW.getEpochSecond() + 59), CONFIG, NOW);

    assertEquals("0b1c-sub", principal.userId());
    assertEquals("alice", principal.username());
    assertEquals(TokenUse.ACCESS, principal.tokenUse());
    assertEquals("client-a", principal.clientId());
    assertEquals(Role.OWNER, principal.role());
  }

  @Test
  void anIdTokenIsNotAnApiCredentialEvenForAnAllowedClient() {
    ProblemException refusal = assertThrows(ProblemException.class, () -> CognitoClaims.toPrincipal(id(), CONFIG, NOW));

    assertEquals("TOKEN_USE_INVALID", refusal.problem().code());
    assertEquals(401, refusal.problem().status());
    assertTrue(refusal.problem().detail().contains("access token"));
  }

  @ParameterizedTest(name = "groups {0} → {1}")
  @MethodSource("roles")
  void theRoleIsTheStrongestGroup(JsonArray groups, Role role) {
    assertEquals(role, CognitoClaims.toPrincipal(access().put("cognito:groups", groups), CONFIG, NOW).role());
  }

  static Stream<Arguments> roles() {
    return Stream.of(
        Arguments.of(new JsonArray().add("admin"), Role.ADMIN),
        Arguments.of(new JsonArray().add("auditor").add("admin"), Role.ADMIN),
        Arguments.of(new JsonArray().add("auditor"), Role.AUDITOR),
        Arguments.of(new JsonArray().add("Admin"), Role.OWNER),
        Arguments.of(new JsonArray().add("operators"), Role.OWNER),
        Arguments.of(new JsonArray(), Role.OWNER));
  }

  @Test
  void theIssuerMustMatchExactly() {
    for (String issuer : new String[] {ISSUER + "/", ISSUER.replace("https", "http"), "https://evil.example/us-east-1_abc", null}) {
      JsonObject claims = access().put("iss", issuer);
      ProblemException e = assertThrows(ProblemException.class, () -> CognitoClaims.checkIssuer(claims, CONFIG));
      assertEquals("TOKEN_ISSUER_INVALID", e.problem().code());
    }
    CognitoClaims.checkIssuer(access(), CONFIG);
  }
}
