package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.TokenUse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool rotates its signing key: verifiers pick the new key up, and made-up key ids cannot make them hammer the pool. */
class SigningKeyRotationTest {

  @TempDir
  Path dataDir;
  Vertx vertx;
  DevIdentityProvider idp;
  MutableClock clock;
  CognitoTokenVerifier verifier;
  String clientId;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
    clientId = idp.clientIds().get(0);
    clock = new MutableClock(Instant.now());
    verifier = CognitoTokenVerifier.create(vertx, CognitoConfig.of(idp.issuer(), Set.of(clientId)), clock);
  }

  @AfterEach
  void stop() {
    Await.result(verifier.close());
    Await.result(idp.close());
    Await.result(vertx.close());
  }

  String token() {
    return Await.result(idp.tokens().signIn("alice", DevUsers.ALICE.password(), clientId)).accessToken();
  }

  String tokenNamingKid(String kid) {
    JsonObject claims = idp.tokens().claims(TokenUse.ACCESS, "alice", clientId, Instant.now(), Duration.ofHours(1));
    return Await.result(idp.tokens().sign(claims, kid));
  }

  static String code(Future<?> verification) {
    return assertInstanceOf(ProblemException.class, Await.failure(verification)).problem().code();
  }

  @Test
  void afterRotationNewTokensVerifyAndOldOnesStillDo() {
    String beforeRotation = token();
    Await.result(verifier.verify(beforeRotation));
    String oldKid = Forge.header(beforeRotation).getString("kid");

    String newKid = Await.result(idp.rotateSigningKey());
    clock.advance(CognitoConfig.DEFAULT_MIN_JWKS_REFRESH_INTERVAL.plusSeconds(1));
    String afterRotation = token();

    assertNotEquals(oldKid, newKid);
    assertEquals(newKid, Forge.header(afterRotation).getString("kid"));
    assertEquals("alice", Await.result(verifier.verify(afterRotation)).username());
    assertEquals("alice", Await.result(verifier.verify(beforeRotation)).username());
  }

  @Test
  void madeUpKeyIdsWithinTheIntervalCauseNoFetchAndRotationIsSeenOnceTheIntervalPassed() {
    Await.result(verifier.verify(token()));
    long afterFirstFetch = idp.jwksRequests();

    List<Future<Principal>> storm = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      storm.add(verifier.verify(tokenNamingKid("made-up-" + i)));
    }
    storm.forEach(f -> assertEquals("TOKEN_SIGNATURE_INVALID", code(f)));
    assertEquals(afterFirstFetch, idp.jwksRequests(), "unknown kids right after a fetch must not refetch");

    Await.result(idp.rotateSigningKey());
    String rotated = token();
    assertEquals("TOKEN_SIGNATURE_INVALID", code(verifier.verify(rotated)), "still inside the interval");

    clock.advance(CognitoConfig.DEFAULT_MIN_JWKS_REFRESH_INTERVAL);
    List<Future<Principal>> burst = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      burst.add(verifier.verify(rotated));
    }
    burst.forEach(f -> assertEquals("alice", Await.result(f).username()));
    assertEquals(afterFirstFetch + 1, idp.jwksRequests(), "concurrent unknown-kid requests share one fetch");
  }
}
