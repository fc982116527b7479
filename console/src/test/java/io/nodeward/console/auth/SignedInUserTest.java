package io.nodeward.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.Role;
import io.nodeward.kit.auth.TokenUse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Refreshing before expiry: when it is due, and that concurrent requests share one refresh. */
class SignedInUserTest {

  private static final Instant SIGNED_IN = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration BEFORE = Duration.ofMinutes(5);

  private static SignedInUser user() {
    Principal alice = new Principal("u-1", "alice", Set.of(), Role.OWNER, TokenUse.ACCESS, "nodeward-console");
    return new SignedInUser(alice, null, SIGNED_IN, "access-1", SIGNED_IN.plusSeconds(3600), "refresh-1");
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void aFreshTokenIsNotRefreshed() {
    SignedInUser user = user();
    AtomicInteger calls = new AtomicInteger();

    Future<Void> done = user.refreshIfDue(at(SIGNED_IN.plusSeconds(60)), BEFORE, r -> {
      calls.incrementAndGet();
      return Future.succeededFuture(new TokenSet("access-2", null, null, 3600));
    });

    assertTrue(done.succeeded());
    assertEquals(0, calls.get());
    assertEquals("access-1", user.accessToken());
  }

  @Test
  void aTokenCloseToExpiryIsRefreshedWithTheRefreshToken() {
    SignedInUser user = user();
    Instant late = SIGNED_IN.plusSeconds(3600 - 240);

    user.refreshIfDue(at(late), BEFORE, refreshToken -> {
      assertEquals("refresh-1", refreshToken);
      return Future.succeededFuture(new TokenSet("access-2", "id-2", null, 3600));
    });

    assertEquals("access-2", user.accessToken());
    assertEquals(late.plusSeconds(3600), user.accessExpiresAt());
    assertFalse(user.refreshDue(late, BEFORE));
  }

  @Test
  void concurrentRequestsShareOneRefresh() {
    SignedInUser user = user();
    Clock late = at(SIGNED_IN.plusSeconds(3590));
    Promise<TokenSet> answer = Promise.promise();
    AtomicInteger calls = new AtomicInteger();

    Future<Void> first = user.refreshIfDue(late, BEFORE, r -> {
      calls.incrementAndGet();
      return answer.future();
    });
    Future<Void> second = user.refreshIfDue(late, BEFORE, r -> {
      calls.incrementAndGet();
      return Future.failedFuture("a second refresh must not happen");
    });
    assertSame(first, second);
    answer.complete(new TokenSet("access-2", null, null, 3600));

    assertEquals(1, calls.get());
    assertTrue(second.succeeded());
    assertEquals("access-2", user.accessToken());
  }

  @Test
  void aRefusedRefreshLeavesTheOldTokenAndFails() {
    SignedInUser user = user();

    Future<Void> done = user.refreshIfDue(at(SIGNED_IN.plusSeconds(3599)), BEFORE, r -> Future.failedFuture("invalid_grant"));

    assertTrue(done.failed());
    assertEquals("access-1", user.accessToken());
    assertFalse(user.toString().contains("access-1"), "tokens are never printed");
  }
}
