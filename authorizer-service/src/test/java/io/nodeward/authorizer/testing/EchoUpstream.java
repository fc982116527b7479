package io.nodeward.authorizer.testing;

import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A node's upstream for tests: answers every request with what it received (method, URI, headers, body size). */
public final class EchoUpstream implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger connections;

  private EchoUpstream(HttpServer server, AtomicInteger connections) {
    this.server = server;
    this.connections = connections;
  }

  /** TCP connections ever opened to this upstream: a pool that reuses its connections keeps this small. */
  public int connectionsOpened() {
    return connections.get();
  }

  public static EchoUpstream start(Vertx vertx) {
    AtomicInteger connections = new AtomicInteger();
    HttpServer server = vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet()).requestHandler(request -> request.body().onSuccess(body -> {
      JsonObject headers = new JsonObject();
      for (Map.Entry<String, String> header : request.headers()) {
        headers.put(header.getKey().toLowerCase(), header.getValue());
      }
      request.response()
          .putHeader("content-type", "application/json")
          .end(new JsonObject()
              .put("method", request.method().name())
              .put("uri", request.uri())
              .put("headers", headers)
              .put("bodyBytes", body.length())
              .encode());
    }));
    return new EchoUpstream(Await.result(server.listen(0, "127.0.0.1")), connections);
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() {
    Await.result(server.close());
  }
}
