package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.Role;
import io.nodeward.kit.auth.TokenUse;
import io.nodeward.kit.http.Problem;
import io.nodeward.kit.http.ProblemException;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CognitoTokenVerifier (service-kit) against tokens from a running dev-identity: what it accepts, and a
 * refusal with the right code for every way a token can be wrong.
 */
class CognitoTokenVerifierTest {

  @TempDir
  static Path dataDir;
  @TempDir
  static Path otherDataDir;
  static Vertx vertx;
  static DevIdentityProvider idp;
  static DevIdentityProvider otherPool;
  static CognitoTokenVerifier verifier;
  static String clientId;
  static String otherClientId;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
    otherPool = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(otherDataDir).withPoolId("eu-west-1_other")));
    clientId = idp.clientIds().get(0);
    otherClientId = idp.clientIds().get(1);
    verifier = CognitoTokenVerifier.create(vertx, config());
  }

  @AfterAll
  static void stop() {
    Await.result(verifier.close());
    Await.result(idp.close());
    Await.result(otherPool.close());
    Await.result(vertx.close());
  }

  /** This service accepts only the first client of the pool. */
  static CognitoConfig config() {
    return new CognitoConfig(idp.issuer(), idp.jwksUri(), Set.of(clientId), null, null);
  }

  static Tokens signIn(DevUsers.Credentials user) {
    return Await.result(idp.tokens().signIn(user.username(), user.password(), clientId));
  }

  /** Refused with 401 and this code, and the body repeats nothing of the token. */
  static void assertRefused(String code, String token) {
    assertRefused(verifier, 401, code, token);
  }

  static void assertRefused(CognitoTokenVerifier verifier, int status, String code, String token) {
    Throwable failure = Await.failure(verifier.verify(token));
    Problem problem = assertInstanceOf(ProblemException.class, failure).problem();
    assertEquals(code, problem.code(), () -> "detail: " + problem.detail());
    assertEquals(status, problem.status());
    if (token != null && token.contains(".")) {
      for (String part : token.split("\\.")) {
        assertTrue(part.length() < 8 || !problem.detail().contains(part), "the detail must not echo the token");
      }
    }
  }

  @Test
  void anAdminsAccessTokenFromTheAwsSdkPathIsAcceptedAsAdmin() {
    Tokens tokens = signIn(DevUsers.ADMIN);

    Principal principal = Await.result(verifier.verify(tokens.accessToken()));

    assertEquals(Forge.payload(tokens.accessToken()).getString("sub"), principal.userId());
    assertEquals("admin", principal.username());
    assertEquals(Role.ADMIN, principal.role());
    assertTrue(principal.isAdmin());
    assertEquals(Set.of("admin"), principal.groups());
    assertEquals(TokenUse.ACCESS, principal.tokenUse());
    assertEquals(clientId, principal.clientId());
  }

  @Test
  void anAuditorsAccessTokenIsAcceptedAsAuditorAndTheirIdTokenIsNot() {
    Tokens tokens = signIn(DevUsers.AUDITOR);
    Principal principal = Await.result(verifier.verify(tokens.accessToken()));

    assertEquals(Role.AUDITOR, principal.role());
    assertTrue(principal.isAuditor());
    assertEquals("auditor", principal.username());
    assertEquals(TokenUse.ACCESS, principal.tokenUse());
    assertRefused("TOKEN_USE_INVALID", tokens.idToken());
  }

  @Test
  void someoneInNoGroupIsANodeOwner() {
    Principal principal = Await.result(verifier.verify(signIn(DevUsers.ALICE).accessToken()));

    assertEquals(Role.OWNER, principal.role());
    assertFalse(principal.isAdmin());
    assertFalse(principal.isAuditor());
    assertEquals(Set.of(), principal.groups());
  }

  @Test
  void noTokenIsMissing() {
    assertRefused("TOKEN_MISSING", null);
    assertRefused("TOKEN_MISSING", " ");
  }

  @Test
  void algNoneIsRefusedEvenWithGenuineClaims() {
    assertRefused("TOKEN_ALGORITHM_INVALID", Forge.unsecured(signIn(DevUsers.ALICE).accessToken()));
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() throws Exception {
    String genuine = signIn(DevUsers.ALICE).accessToken();

    assertRefused("TOKEN_ALGORITHM_INVALID", Forge.hs256WithPublicKey(genuine, idp.tokens().currentPublicKeyPem()));
  }

  @Test
  void aTokenFromAnotherPoolIsRefused() {
    Tokens foreign = Await.result(otherPool.tokens().signIn("admin", DevUsers.ADMIN.password(), clientId));

    assertRefused("TOKEN_ISSUER_INVALID", foreign.accessToken());
  }

  @Test
  void anotherPoolsKeyCannotSignForOurIssuer() {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "admin", clientId, Instant.now(), Duration.ofHours(1));
    String forged = Await.result(otherPool.tokens().sign(claims));

    assertRefused("TOKEN_SIGNATURE_INVALID", forged);
  }

  @Test
  void anotherPoolsKeyNamingOurKidFailsTheSignatureCheck() {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "admin", clientId, Instant.now(), Duration.ofHours(1));
    String forged = Await.result(otherPool.tokens().sign(claims, idp.tokens().currentKeyId()));

    assertRefused("TOKEN_SIGNATURE_INVALID", forged);
  }

  @Test
  void aTamperedPayloadFailsTheSignatureCheck() {
    String genuine = signIn(DevUsers.ALICE).accessToken();
    JsonObject escalated = Forge.payload(genuine).put("cognito:groups", List.of("admin"));

    assertRefused("TOKEN_SIGNATURE_INVALID", Forge.withPayload(genuine, escalated));
  }

  @Test
  void anExpiredTokenIsRefused() {
    String expired = Await.result(idp.tokens().accessToken("alice", clientId, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)));

    assertRefused("TOKEN_EXPIRED", expired);
  }

  @Test
  void aTokenThatExpiredWithinTheClockSkewIsStillAccepted() {
    String justExpired = Await.result(idp.tokens().accessToken("alice", clientId,
        Instant.now().minus(Duration.ofMinutes(10)), Duration.ofMinutes(10).minusSeconds(30)));

    assertEquals("alice", Await.result(verifier.verify(justExpired)).username());
  }

  @Test
  void aTokenWithoutExpiryIsRefused() {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "alice", clientId, Instant.now(), Duration.ofHours(1));
    claims.remove("exp");

    assertRefused("TOKEN_EXPIRED", Await.result(idp.tokens().sign(claims)));
  }

  @Test
  void aTokenNotValidYetIsRefused() {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "alice", clientId, Instant.now(), Duration.ofHours(1))
        .put("nbf", Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond());
    String issuedInTheFuture = Await.result(idp.tokens().accessToken("alice", clientId, Instant.now().plus(Duration.ofMinutes(10)), Duration.ofHours(1)));

    assertRefused("TOKEN_NOT_YET_VALID", Await.result(idp.tokens().sign(claims)));
    assertRefused("TOKEN_NOT_YET_VALID", issuedInTheFuture);
  }

  @Test
  void anAccessTokenForAnotherClientIsRefused() {
    Tokens tokens = Await.result(idp.tokens().signIn("alice", DevUsers.ALICE.password(), otherClientId));

    assertRefused("TOKEN_AUDIENCE_INVALID", tokens.accessToken());
    assertRefused("TOKEN_USE_INVALID", tokens.idToken());
  }

  @Test
  void anAccessTokenMustNameItsClientInClientIdNotAud() {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "alice", clientId, Instant.now(), Duration.ofHours(1));
    claims.remove("client_id");
    claims.put("aud", clientId);

    assertRefused("TOKEN_AUDIENCE_INVALID", Await.result(idp.tokens().sign(claims)));
  }

  @Test
  void aTokenOfAnotherUseIsRefused() {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "alice", clientId, Instant.now(), Duration.ofHours(1));

    assertRefused("TOKEN_USE_INVALID", Await.result(idp.tokens().sign(claims.copy().put("token_use", "refresh"))));
    claims.remove("token_use");
    assertRefused("TOKEN_USE_INVALID", Await.result(idp.tokens().sign(claims)));
  }

  @Test
  void aTokenWithoutSubjectIsRefused() {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "alice", clientId, Instant.now(), Duration.ofHours(1));
    claims.remove("sub");

    assertRefused("TOKEN_SUBJECT_MISSING", Await.result(idp.tokens().sign(claims)));
  }

  @Test
  void aRefreshTokenPresentedAsBearerIsRefused() {
    assertRefused("TOKEN_MALFORMED", signIn(DevUsers.ALICE).refreshToken());
  }

  @Test
  void garbageIsMalformed() {
    assertRefused("TOKEN_MALFORMED", "not-a-jwt");
    assertRefused("TOKEN_MALFORMED", "a.b.c");
    assertRefused("TOKEN_MALFORMED", "x".repeat(20_000) + ".e30.e30");
  }

  @Test
  void aTokenNamingAKeyThePoolNeverPublishedIsRefused() {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "alice", clientId, Instant.now(), Duration.ofHours(1));

    assertRefused("TOKEN_SIGNATURE_INVALID", Await.result(idp.tokens().sign(claims, "no-such-kid")));
  }

  @Test
  void anUnreachableJwksFailsClosedWith503() {
    CognitoTokenVerifier cutOff = CognitoTokenVerifier.create(vertx, config().withJwksUri("http://127.0.0.1:1/jwks.json"));
    try {
      assertRefused(cutOff, 503, "JWKS_UNAVAILABLE", signIn(DevUsers.ADMIN).accessToken());
    } finally {
      cutOff.close();
    }
  }

  @Test
  void firstUseByManyRequestsAtOnceFetchesTheJwksOnce() {
    CognitoTokenVerifier fresh = CognitoTokenVerifier.create(vertx, config());
    String token = signIn(DevUsers.BOB).accessToken();
    long before = idp.jwksRequests();
    try {
      List<Future<Principal>> all = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        all.add(fresh.verify(token));
      }
      all.forEach(f -> assertEquals("bob", Await.result(f).username()));

      assertEquals(1, idp.jwksRequests() - before);
    } finally {
      fresh.close();
    }
  }
}
