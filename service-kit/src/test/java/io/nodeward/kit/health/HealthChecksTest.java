package io.nodeward.kit.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static final AtomicBoolean consumerRunning = new AtomicBoolean(true);
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    HealthChecks health = HealthChecks.create(vertx, "issuer", Duration.ofMillis(300))
        .check("stateConsumer", () -> consumerRunning.get()
            ? Check.up(new JsonObject().put("appliedEvents", 12))
            : Check.down("the state consumer is stopped"))
        .checkAsync("store", () -> Future.succeededFuture(Check.up()));
    Router router = Router.router(vertx);
    health.mount(router);
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void livenessIsUpWithTheServiceName() throws Exception {
    HttpResponse<String> response = get("/health/live");
    assertEquals(200, response.statusCode());
    assertEquals(new JsonObject().put("status", "UP").put("service", "issuer"), new JsonObject(response.body()));
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void readinessNamesEveryCheckAndHealthIsItsAlias() throws Exception {
    consumerRunning.set(true);
    for (String path : new String[] {"/health/ready", "/health"}) {
      HttpResponse<String> response = get(path);
      assertEquals(200, response.statusCode(), path);
      JsonObject body = new JsonObject(response.body());
      assertEquals(new JsonObject()
          .put("status", "UP").put("service", "issuer")
          .put("checks", new JsonObject()
              .put("stateConsumer", new JsonObject().put("status", "UP").put("appliedEvents", 12))
              .put("store", new JsonObject().put("status", "UP"))), body, path);
    }
  }

  @Test
  void oneDownCheckMakesTheServiceUnreadyWithTheReason() throws Exception {
    consumerRunning.set(false);
    try {
      HttpResponse<String> response = get("/health/ready");
      assertEquals(503, response.statusCode());
      JsonObject body = new JsonObject(response.body());
      assertEquals("DOWN", body.getString("status"));
      assertEquals(new JsonObject().put("status", "DOWN").put("reason", "the state consumer is stopped"),
          body.getJsonObject("checks").getJsonObject("stateConsumer"));
      assertEquals("UP", body.getJsonObject("checks").getJsonObject("store").getString("status"));
      assertEquals(200, get("/health/live").statusCode(), "liveness does not depend on readiness checks");
    } finally {
      consumerRunning.set(true);
    }
  }

  @Test
  void aHungOrFailingCheckIsDownInsteadOfHangingTheProbe() {
    HealthChecks health = HealthChecks.create(vertx, "audit", Duration.ofMillis(100))
        .checkAsync("store", () -> Promise.<Check>promise().future())
        .checkAsync("broker", () -> Future.failedFuture(new IllegalStateException("no broker")))
        .check("throws", () -> {
          throw new IllegalStateException("bug");
        });
    JsonObject body = Await.result(health.readiness());
    assertEquals("DOWN", body.getString("status"));
    JsonObject checks = body.getJsonObject("checks");
    assertEquals(new JsonObject().put("status", "DOWN").put("error", "timed out"), checks.getJsonObject("store"));
    assertEquals(new JsonObject().put("status", "DOWN").put("error", "no broker"), checks.getJsonObject("broker"));
    assertEquals("DOWN", checks.getJsonObject("throws").getString("status"));
  }

  @Test
  void aDetailCannotOverrideTheVerdict() {
    Check check = Check.down(new JsonObject().put("status", "UP").put("lag", 3));
    assertEquals(new JsonObject().put("status", "DOWN").put("lag", 3), check.toJson());
    assertFalse(check.healthy());
  }

  @Test
  void checkNamesAreShortIdentifiersAndUnique() {
    HealthChecks health = HealthChecks.create(vertx, "x").check("a", Check::up);
    assertThrows(IllegalArgumentException.class, () -> health.check("a", Check::up));
    assertThrows(IllegalArgumentException.class, () -> health.check("has space", Check::up));
  }
}
