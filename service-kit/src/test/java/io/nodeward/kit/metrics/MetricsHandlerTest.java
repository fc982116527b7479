package io.nodeward.kit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.http.ProblemHandler;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsHandlerTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static ServiceMetrics metrics;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final AtomicReference<String> scrapeThread = new AtomicReference<>();
  private static volatile CountDownLatch scrapeGate = new CountDownLatch(0);

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    metrics = ServiceMetrics.withoutJvmMetrics("issuer");
    metrics.counter("certificates_issued", "Certificates issued", "backend", "local").increment(3);
    metrics.gauge("scrape_probe", "Records which thread scrapes; blocks while the test holds the gate", () -> {
      scrapeThread.set(Thread.currentThread().getName());
      try {
        scrapeGate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 1;
    });
    Router router = Router.router(vertx);
    metrics.mount(vertx, router);
    router.get("/ping").handler(ctx -> ctx.end("pong"));
    router.route().failureHandler(ProblemHandler.create());
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
    metrics.close();
  }

  private static HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void namesFollowTheSchemeAndCountersEndInTotal() throws Exception {
    HttpResponse<String> response = get("/metrics", null);
    assertEquals(200, response.statusCode());
    assertEquals(MetricsHandler.PROMETHEUS_TEXT, response.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(response.body().contains("nodeward_issuer_certificates_issued_total{backend=\"local\"} 3.0"), response.body());
    assertEquals("nodeward_issuer_certificates_issued", metrics.name("certificates_issued"));
    assertThrows(IllegalArgumentException.class, () -> metrics.name("issued_total"));
    assertThrows(IllegalArgumentException.class, () -> metrics.name("Issued"));
  }

  @Test
  void openMetricsWhenTheScraperPrefersIt() throws Exception {
    HttpResponse<String> response = get("/metrics", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertEquals(200, response.statusCode());
    assertEquals(MetricsHandler.OPENMETRICS_TEXT, response.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(response.body().endsWith("# EOF\n"));
  }

  @Test
  void onlyTheNamedMetricsWhenAsked() throws Exception {
    HttpResponse<String> response = get("/metrics?name[]=nodeward_issuer_certificates_issued_total", null);
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("nodeward_issuer_certificates_issued_total"));
    assertFalse(response.body().contains("nodeward_issuer_scrape_probe"));
  }

  @Test
  void aMalformedAcceptIsA400Problem() throws Exception {
    assertProblem(get("/metrics", "text/plain;q=7"), 400, "MALFORMED_ACCEPT");
  }

  @Test
  void anUnservableAcceptIsA406Problem() throws Exception {
    assertProblem(get("/metrics", "application/json"), 406, "NOT_ACCEPTABLE");
  }

  @Test
  void anOversizedQueryIsA414Problem() throws Exception {
    assertProblem(get("/metrics?name[]=" + "a".repeat(MetricsHandler.MAX_QUERY_LENGTH), null), 414, "QUERY_TOO_LONG");
  }

  @Test
  void anUnknownParameterIsA400Problem() throws Exception {
    assertProblem(get("/metrics?format=json", null), 400, "UNKNOWN_PARAMETER");
    assertProblem(get("/metrics?name[]=not%20a%20name", null), 400, "UNKNOWN_PARAMETER");
  }

  @Test
  void aSlowScrapeRunsOffTheEventLoopAndRequestsKeepBeingServed() throws Exception {
    scrapeGate = new CountDownLatch(1);
    try {
      CompletableFuture<HttpResponse<String>> scrape = http.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      Await.until("the scrape to reach the slow gauge", () -> scrapeThread.get() != null && scrapeGate.getCount() == 1
          && !scrape.isDone() && scrapeThread.get().startsWith("nodeward-metrics"));
      // The scrape is stuck in a gauge; the event loop still answers other requests on the same server.
      assertEquals("pong", get("/ping", null).body());
      scrapeGate.countDown();
      assertEquals(200, scrape.get().statusCode());
      assertTrue(scrapeThread.get().startsWith("nodeward-metrics-issuer"), scrapeThread.get());
    } finally {
      scrapeGate.countDown();
    }
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonObject problem = new JsonObject(response.body());
    assertEquals(code, problem.getString("code"));
    assertEquals(status, problem.getInteger("status"));
    assertTrue(problem.getString("detail").length() > 10);
  }
}
