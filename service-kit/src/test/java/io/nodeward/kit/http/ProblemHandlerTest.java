package io.nodeward.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure leaves a real HTTP server as an RFC 9457 problem, and none leaks internals. */
class ProblemHandlerTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(1024));
    router.post("/json").handler(ctx -> ctx.json(ctx.body().asJsonObject()));
    router.get("/refused").handler(ctx -> ctx.fail(Problems.forbidden("NOT_OWNER", "This node belongs to someone else.")));
    router.get("/boom").handler(ctx -> {
      throw new IllegalStateException("secret internal state: db password hunter2");
    });
    router.route().last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(ProblemHandler.create());
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String body) throws Exception {
    var request = client.request(method, server.actualPort(), "127.0.0.1", path);
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static JsonObject problem(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode());
    assertEquals(Problem.MEDIA_TYPE, response.getHeader("content-type"));
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(status, body.getInteger("status"));
    assertEquals(code, body.getString("code"));
    return body;
  }

  @Test
  void malformedJsonIsA400Problem() throws Exception {
    problem(call(HttpMethod.POST, "/json", "{\"nodeId\": "), 400, "MALFORMED_JSON");
  }

  @Test
  void oversizedBodyIsA413Problem() throws Exception {
    problem(call(HttpMethod.POST, "/json", "{\"a\":\"" + "x".repeat(4096) + "\"}"), 413, "BODY_TOO_LARGE");
  }

  @Test
  void aRefusalKeepsItsStatusAndCode() throws Exception {
    JsonObject body = problem(call(HttpMethod.GET, "/refused", null), 403, "NOT_OWNER");
    assertEquals("/refused", body.getString("instance"));
    assertEquals("https://nodeward.io/problems/not-owner", body.getString("type"));
  }

  @Test
  void anUnexpectedFailureIsA500ThatSaysNothingInternal() throws Exception {
    HttpResponse<Buffer> response = call(HttpMethod.GET, "/boom", null);
    problem(response, 500, "INTERNAL_ERROR");
    String text = response.bodyAsString();
    assertFalse(text.contains("hunter2"));
    assertFalse(text.contains("IllegalStateException"));
    assertFalse(text.contains("at io.nodeward"));
  }

  @Test
  void unknownRouteIsA404Problem() throws Exception {
    JsonObject body = problem(call(HttpMethod.GET, "/nope", null), 404, "NOT_FOUND");
    assertNull(body.getString("stack"));
  }
}
