package io.nodeward.authorizer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.app.AccessAuthorization;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.authorizer.domain.ClientChainVerifier;
import io.nodeward.authorizer.gateway.GatewayTls;
import io.nodeward.authorizer.testing.AuthorizeCalls;
import io.nodeward.authorizer.testing.AuthorizerFixture;
import io.nodeward.authorizer.testing.FakeAllowList;
import io.nodeward.events.AccessDecided;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The /authorize listener limits each caller on its own: 429 with Retry-After, before the body is looked at. */
class AuthorizeRateLimitTest {

  static final String OTHER = "spiffe://nodeward.local/service/second-caller";
  static final AuthorizerFixture FIXTURE = new AuthorizerFixture();
  static final List<AccessDecided> recorded = new CopyOnWriteArrayList<>();
  static Vertx vertx;
  static HttpServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Map<String, String> env = FIXTURE.env("127.0.0.1:1", FIXTURE.dir.resolve("data"), Duration.ofSeconds(5),
        TlsEngine.AUTO);
    env.put("NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS", AuthorizeCalls.LAMBDA + "," + OTHER);
    env.put("NODEWARD_AUTHORIZER_AUTHORIZE_RATE", "3");
    AuthorizerConfig config = FIXTURE.config(env);
    AccessAuthorization authorization = new AccessAuthorization(new FakeAllowList(Instant.now()),
        new ClientChainVerifier(List.of(FIXTURE.pki.caCertificate())), d -> {
          recorded.add(d);
          return Future.succeededFuture();
        }, Clock.systemUTC(), "rate-test", Duration.ZERO);
    server = Await.result(vertx.createHttpServer(GatewayTls.authorizeListenerOptions(config, 0))
        .requestHandler(AuthorizeApi.router(vertx, authorization, config.authorizeApi(), config.trustDomain()))
        .listen());
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @Test
  void aCallerOverItsRateGets429WithRetryAfterAndAnotherCallerIsUntouched() {
    AuthorizeCalls.Answer limited = null;
    try (AuthorizeCalls lambda = new AuthorizeCalls(vertx, server.actualPort(),
        AuthorizeCalls.caller(FIXTURE.pki, AuthorizeCalls.LAMBDA), FIXTURE.pki)) {
      // A burst of 3 a second: requests faster than one per 333 ms run out (bounded, whatever the machine's load).
      for (int i = 0; i < 200 && limited == null; i++) {
        AuthorizeCalls.Answer answer = lambda.post("{}");
        if (answer.status() == 429) {
          limited = answer;
        } else {
          assertEquals(400, answer.status(), "within the rate, the (malformed) event itself is judged");
        }
      }
    }
    assertNotNull(limited, "no 429 in 200 requests at a rate of 3 a second");
    assertEquals("AUTHORIZE_RATE_LIMITED", limited.code());
    assertEquals("application/problem+json", limited.contentType());
    assertTrue(Integer.parseInt(limited.retryAfter()) >= 1, limited.retryAfter());

    try (AuthorizeCalls other = new AuthorizeCalls(vertx, server.actualPort(),
        AuthorizeCalls.caller(FIXTURE.pki, OTHER), FIXTURE.pki)) {
      assertEquals(400, other.post("{}").status(), "the other caller has its own bucket");
    }
    assertTrue(recorded.isEmpty(), "nothing was decided");
  }
}
