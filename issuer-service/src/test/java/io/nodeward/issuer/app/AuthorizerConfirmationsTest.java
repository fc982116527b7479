package io.nodeward.issuer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.AuthorizerStatus;
import io.nodeward.events.AuthorizerStatus.AppliedOffset;
import io.nodeward.issuer.domain.AuthorizerFleet;
import io.nodeward.issuer.domain.LogPosition;
import io.nodeward.issuer.domain.Propagation;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Waiting for the authorizers: answered when the last live one confirms, or at the timeout naming the pending. */
class AuthorizerConfirmationsTest {

  private static final String CERTS = "nodeward.certificates.v1";
  private static final List<LogPosition> REVOKED_AT_4 = List.of(new LogPosition(CERTS, 0, 4));
  private static Vertx vertx;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    Await.result(vertx.close());
  }

  private static AuthorizerStatus status(String id, long nextOffset) {
    Instant now = Instant.now();
    return new AuthorizerStatus(id, now, now, AuthorizerStatus.State.RUNNING, true, 250,
        List.of(new AppliedOffset(CERTS, 0, nextOffset)));
  }

  private static AuthorizerConfirmations confirmations(Duration timeout) {
    return new AuthorizerConfirmations(vertx, new AuthorizerFleet(Duration.ofMinutes(1)), Clock.systemUTC(), timeout);
  }

  @Test
  void answersWhenTheLastLiveInstanceHasAppliedTheRecord() {
    AuthorizerConfirmations confirmations = confirmations(Duration.ofMinutes(1));
    confirmations.caughtUp();
    confirmations.heard(status("gw-a", 4), Instant.now());
    confirmations.heard(status("gw-b", 4), Instant.now());

    Future<Propagation> answer = confirmations.confirm(REVOKED_AT_4);
    confirmations.heard(status("gw-a", 5), Instant.now());
    assertFalse(answer.isComplete());
    assertEquals(1, confirmations.waiting());

    confirmations.heard(status("gw-b", 5), Instant.now());
    assertEquals(new Propagation(List.of("gw-a", "gw-b"), List.of()), Await.result(answer));
    assertEquals(0, confirmations.waiting());
  }

  @Test
  void atTheTimeoutTheAnswerNamesWhoIsPending() {
    AuthorizerConfirmations confirmations = confirmations(Duration.ofMillis(50));
    confirmations.caughtUp();
    confirmations.heard(status("gw-a", 5), Instant.now());
    confirmations.heard(status("gw-b", 4), Instant.now());

    Propagation answer = Await.result(confirmations.confirm(REVOKED_AT_4));

    assertEquals(new Propagation(List.of("gw-a"), List.of("gw-b")), answer);
    assertEquals(0, confirmations.waiting());
  }

  @Test
  void nothingIsDecidedBeforeTheStatusHistoryIsRead() {
    AuthorizerConfirmations confirmations = confirmations(Duration.ofMinutes(1));

    Future<Propagation> answer = confirmations.confirm(REVOKED_AT_4);
    assertFalse(answer.isComplete(), "no instance heard yet is not the same as no instance");
    confirmations.heard(status("gw-a", 4), Instant.now());
    assertFalse(answer.isComplete());

    confirmations.caughtUp();
    assertFalse(answer.isComplete());
    confirmations.heard(status("gw-a", 5), Instant.now());
    assertTrue(Await.result(answer).complete());
    assertEquals(List.of("gw-a"), confirmations.liveInstances());
  }
}
