package io.nodeward.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** OIDC Core §3.1.3.7 on the ID token the token endpoint answers: each rule refused on its own. */
class IdTokenTest {

  private static final String ISSUER = "http://127.0.0.1:9229/us-east-1_nodeward";
  private static final String CLIENT = "nodeward-console";
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(60);

  private static JsonObject claims() {
    return new JsonObject().put("iss", ISSUER).put("aud", CLIENT).put("sub", "u-1").put("token_use", "id")
        .put("exp", NOW.plusSeconds(3600).getEpochSecond()).put("iat", NOW.getEpochSecond()).put("nonce", "n-123")
        .put("email", "alice@example.com").put("cognito:username", "alice");
  }

  private static String jwt(JsonObject claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  private static String refusal(Consumer<JsonObject> change) {
    JsonObject c = claims();
    change.accept(c);
    return assertThrows(IdToken.Refused.class, () -> IdToken.parse(jwt(c)).check(ISSUER, CLIENT, "n-123", NOW, SKEW)).code();
  }

  @Test
  void aTokenAnsweringThisSignInPasses() {
    IdToken token = IdToken.parse(jwt(claims())).check(ISSUER, CLIENT, "n-123", NOW, SKEW);

    assertEquals("u-1", token.subject());
    assertEquals("alice@example.com", token.email());
  }

  @Test
  void anotherSignInsNonceOrNoNonceIsRefused() {
    assertEquals("NONCE_MISMATCH", refusal(c -> c.put("nonce", "n-456")));
    assertEquals("NONCE_MISMATCH", refusal(c -> c.remove("nonce")));
  }

  @Test
  void anotherIssuerOrAudienceIsRefused() {
    assertEquals("ID_TOKEN_ISSUER", refusal(c -> c.put("iss", "https://cognito-idp.us-east-1.amazonaws.com/other")));
    assertEquals("ID_TOKEN_AUDIENCE", refusal(c -> c.put("aud", "nodeward-cli")));
    assertEquals("ID_TOKEN_AUDIENCE", refusal(c -> c.put("aud", new JsonArray().add(CLIENT).add("other"))), "azp must name us");
  }

  @Test
  void anExpiredOrFutureTokenIsRefused() {
    assertEquals("ID_TOKEN_EXPIRED", refusal(c -> c.put("exp", NOW.minusSeconds(61).getEpochSecond())));
    assertEquals("ID_TOKEN_NOT_YET_VALID", refusal(c -> c.put("iat", NOW.plusSeconds(600).getEpochSecond())));
  }

  @Test
  void anAccessTokenInPlaceOfTheIdTokenIsRefused() {
    assertEquals("ID_TOKEN_USE", refusal(c -> c.put("token_use", "access")));
  }

  @Test
  void garbageIsRefusedAsMalformed() {
    assertEquals("ID_TOKEN_MALFORMED", assertThrows(IdToken.Refused.class, () -> IdToken.parse("nope")).code());
    assertEquals("ID_TOKEN_MALFORMED", assertThrows(IdToken.Refused.class, () -> IdToken.parse("a.%%%.c")).code());
    assertEquals("ID_TOKEN_MALFORMED", assertThrows(IdToken.Refused.class, () -> IdToken.parse(null)).code());
  }
}
