package io.nodeward.stack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A stand-in for a customer's node: a plain HTTP server on loopback that only the gateway talks to. It answers
 * every request with who the gateway says is calling (X-Nodeward-User / X-Nodeward-Node), so a walk-through
 * and the end-to-end tests can see the identity travel.
 */
public final class DemoNode {

  public static final String NODE_ID = "demo-node-1";

  private final HttpServer server;

  private DemoNode(HttpServer server) {
    this.server = server;
  }

  public static Future<DemoNode> start(Vertx vertx, String host, int port) {
    return vertx.createHttpServer()
        .requestHandler(request -> request.body().onComplete(body -> request.response()
            .putHeader("content-type", "application/json")
            .end(new JsonObject()
                .put("node", NODE_ID)
                .put("message", "hello from " + NODE_ID)
                .put("method", request.method().name())
                .put("path", request.path())
                .put("user", request.getHeader("X-Nodeward-User"))
                .put("nodeHeader", request.getHeader("X-Nodeward-Node"))
                .put("bodyBytes", body.succeeded() ? body.result().length() : 0)
                .put("time", Instant.now().toString())
                .encode())))
        .listen(port, host)
        .map(DemoNode::new);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
