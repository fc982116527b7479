package io.nodeward.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResponsesTest {

  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/object").handler(ctx -> Responses.json(ctx, 201, new JsonObject().put("a", 1)));
    router.get("/array").handler(ctx -> Responses.json(ctx, 200, new JsonArray().add("x")));
    router.get("/problem").handler(ctx -> Responses.problem(ctx, new Problem(409, "NODE_EXISTS", "Conflict", "It exists.")));
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void jsonIsNeverStoredInACache() throws Exception {
    HttpResponse<String> object = get("/object");
    assertEquals(201, object.statusCode());
    assertEquals("{\"a\":1}", object.body());
    assertEquals("no-store", object.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("application/json", object.headers().firstValue("Content-Type").orElseThrow());
    HttpResponse<String> array = get("/array");
    assertEquals("[\"x\"]", array.body());
    assertEquals("no-store", array.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void problemsAreRfc9457WithTheRequestPathAsInstance() throws Exception {
    HttpResponse<String> response = get("/problem");
    assertEquals(409, response.statusCode());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    JsonObject body = new JsonObject(response.body());
    assertEquals("NODE_EXISTS", body.getString("code"));
    assertEquals("/problem", body.getString("instance"));
    assertEquals("https://nodeward.io/problems/node-exists", body.getString("type"));
  }
}
