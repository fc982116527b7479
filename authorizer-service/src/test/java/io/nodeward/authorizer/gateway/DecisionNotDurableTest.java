package io.nodeward.authorizer.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.api.AdminApi;
import io.nodeward.authorizer.api.AuthorizeApi;
import io.nodeward.authorizer.api.AuthorizerMetrics;
import io.nodeward.authorizer.app.AccessAuthorization;
import io.nodeward.authorizer.app.AllowListStatus;
import io.nodeward.authorizer.app.DecisionBacklog;
import io.nodeward.authorizer.app.DecisionDurability;
import io.nodeward.authorizer.app.DecisionNotDurableException;
import io.nodeward.authorizer.app.DecisionRecorder;
import io.nodeward.authorizer.app.DecisionTransport;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.domain.ClientChainVerifier;
import io.nodeward.authorizer.domain.Freshness;
import io.nodeward.authorizer.testing.AdminHttp;
import io.nodeward.authorizer.testing.AuthorizeCalls;
import io.nodeward.authorizer.testing.AuthorizerFixture;
import io.nodeward.authorizer.testing.EchoUpstream;
import io.nodeward.authorizer.testing.FakeAllowList;
import io.nodeward.authorizer.testing.MtlsClients;
import io.nodeward.authorizer.testing.Responses;
import io.nodeward.authorizer.testing.TestPki;
import io.nodeward.authorizer.testing.TestPki.Issued;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fail closed when a decision cannot be made durable: Kafka does not take it and the spool is full (fakes for both
 * ports). The gateway neither forwards nor refuses 403 — it answers 503 DECISION_NOT_DURABLE — and health and
 * metrics raise the alarm until a decision is durable again.
 */
class DecisionNotDurableTest {

  static final Instant NOW = Instant.now();

  /** Kafka gone: every send fails at once. */
  static final class DownTransport implements DecisionTransport {
    @Override
    public void send(CloudEvent<?> event, BooleanSupplier stillWanted, Consumer<Exception> done) {
      done.accept(new RuntimeException("broker down"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  /** A spool on a full disk until told otherwise. */
  static final class FullBacklog implements DecisionBacklog {
    volatile boolean full = true;
    volatile int written;

    @Override
    public void append(CloudEvent<AccessDecided> event) {
      written++;
    }

    @Override
    public Future<Void> appendDurably(CloudEvent<AccessDecided> event) {
      if (full) {
        return Future.failedFuture(new DecisionNotDurableException("the decision spool is full"));
      }
      written++;
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Path>> sealForDrain() {
      return Future.succeededFuture(List.of());
    }

    @Override
    public Future<Segment> read(Path segment) {
      return Future.failedFuture("no segments");
    }

    @Override
    public Future<Void> delete(Segment segment) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }

    @Override
    public long pendingEvents() {
      return 0; // nothing to drain: the test keeps the recorder degraded
    }

    @Override
    public long bytes() {
      return 0;
    }

    @Override
    public long dropped() {
      return 0;
    }
  }

  /** The fake allow-list with a running consumer, as health and metrics read it. */
  record RunningAllowList(FakeAllowList list) implements AllowListStatus {
    @Override
    public AllowListSnapshot snapshot() {
      return list.snapshot();
    }

    @Override
    public Freshness freshness() {
      return list.freshness();
    }

    @Override
    public Future<Void> catchUp() {
      return list.catchUp();
    }

    @Override
    public long lag() {
      return 0;
    }

    @Override
    public boolean consumerRunning() {
      return true;
    }

    @Override
    public String consumerError() {
      return null;
    }

    @Override
    public long appliedEvents() {
      return 0;
    }
  }

  final Vertx vertx = Vertx.vertx();
  final AuthorizerFixture fixture = new AuthorizerFixture();
  final EchoUpstream upstream = EchoUpstream.start(vertx);
  final FullBacklog backlog = new FullBacklog();

  @AfterEach
  void stop() {
    upstream.close();
    Await.result(vertx.close());
  }

  @Test
  void aDecisionNeitherKafkaNorTheSpoolCanHoldIsRefused503AndHealthAndMetricsRaiseTheAlarm() {
    Issued cert = fixture.pki.client("alice", "node-1");
    RunningAllowList allowList = new RunningAllowList(new FakeAllowList(NOW)
        .apply(new NodeProvisioned("node-1", "alice", upstream.url(), NOW, "admin"), cert.issued()));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    DecisionRecorder recorder = new DecisionRecorder(vertx, new DownTransport(), backlog, "/nodeward/authorizer/gw-1",
        60_000, DecisionDurability.BEFORE_FORWARD, Duration.ofSeconds(1));
    AuthorizerMetrics metrics = new AuthorizerMetrics(allowList, recorder, clock);
    AccessAuthorization authorization = new AccessAuthorization(allowList,
        new ClientChainVerifier(List.of(fixture.pki.caCertificate())), recorder::record, clock, "gw-1", Duration.ZERO);
    GatewayVerticle gateway = new GatewayVerticle(fixture.config("127.0.0.1:9"), 0, authorization, e -> { });
    Await.result(vertx.deployVerticle(gateway));
    HttpServer admin = Await.result(vertx.createHttpServer()
        .requestHandler(AdminApi.router(vertx, allowList, recorder, metrics, clock))
        .listen(0, "127.0.0.1"));
    HttpClient client = MtlsClients.with(vertx, cert, fixture.pki);

    Responses refused = Await.result(Responses.get(client, gateway.actualPort(), "/nodes/node-1/x"));
    assertEquals(503, refused.status(), String.valueOf(refused.json()));
    assertEquals("DECISION_NOT_DURABLE", refused.code());
    assertFalse(refused.json().containsKey("decisionId"), "a decision nobody recorded has no id to look up");
    assertEquals(0, upstream.connectionsOpened(), "fail closed: nothing reached the node");

    AdminHttp.Answer health = AdminHttp.call(admin.actualPort(), "GET", "/health", null);
    assertEquals(503, health.status(), health.body());
    assertEquals(Boolean.FALSE, health.json().getJsonObject("decisions").getBoolean("durable"), health.body());
    assertTrue(health.json().getString("why").contains("DECISION_NOT_DURABLE"), health.body());
    String scrape = AdminHttp.call(admin.actualPort(), "GET", "/metrics", null).body();
    assertTrue(scrape.contains("nodeward_authorizer_decision_durability_failing 1.0"), scrape);
    assertTrue(scrape.contains("nodeward_authorizer_decisions_not_durable_total 1.0"), scrape);


    // The same through POST /authorize (API Gateway's authorizer): no policy at all, the 503 problem instead.
    JsonObject event = new JsonObject().put("type", "REQUEST")
        .put("methodArn", "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/nodes/node-1/status")
        .put("path", "/nodes/node-1/status").put("httpMethod", "GET")
        .put("pathParameters", new JsonObject().put("nodeId", "node-1").put("proxy", "status"))
        .put("requestContext", new JsonObject().put("httpMethod", "GET").put("identity", new JsonObject()
            .put("sourceIp", "203.0.113.7").put("clientCert", new JsonObject().put("clientCertPem", cert.certPem()))));
    // It is served on the mutual-TLS listener, to a configured caller (issue 13.3).
    Map<String, String> env = fixture.env("127.0.0.1:9", fixture.dir.resolve("data"), Duration.ofSeconds(5),
        TlsEngine.AUTO);
    env.put("NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS", AuthorizeCalls.LAMBDA);
    AuthorizerConfig listenerConfig = fixture.config(env);
    HttpServer listener = Await.result(vertx.createHttpServer(GatewayTls.authorizeListenerOptions(listenerConfig, 0))
        .requestHandler(AuthorizeApi.router(vertx, authorization, listenerConfig.authorizeApi(), TestPki.TRUST_DOMAIN))
        .listen());
    try (AuthorizeCalls lambda = new AuthorizeCalls(vertx, listener.actualPort(),
        AuthorizeCalls.caller(fixture.pki, AuthorizeCalls.LAMBDA), fixture.pki)) {
      AuthorizeCalls.Answer authorize = lambda.post(event.encode());
      assertEquals(503, authorize.status(), authorize.json().encode());
      assertEquals("DECISION_NOT_DURABLE", authorize.code(), authorize.json().encode());
      assertFalse(authorize.json().containsKey("policyDocument"), authorize.json().encode());
    }

    backlog.full = false; // space again: the next decision is durable, the request goes through, the alarm clears
    Responses allowed = Await.result(Responses.get(client, gateway.actualPort(), "/nodes/node-1/y"));
    assertEquals(200, allowed.status(), String.valueOf(allowed.json()));
    assertEquals(1, backlog.written);
    assertEquals(200, AdminHttp.call(admin.actualPort(), "GET", "/health", null).status());
    client.close();
  }
}
