package io.nodeward.cli.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server answering canned responses per "METHOD /path", recording what it was asked. */
public final class FakeServer implements AutoCloseable {

  public record Answer(int status, String contentType, String body) {
  }

  public record Request(String method, String pathAndQuery, String authorization, String body) {
  }

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  public final List<Request> requests = new CopyOnWriteArrayList<>();

  public FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      requests.add(new Request(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
          exchange.getRequestHeaders().getFirst("Authorization"), body));
      Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
          new Answer(404, "application/problem+json", "{\"status\":404,\"code\":\"NOT_FOUND\",\"detail\":\"No such resource.\"}"));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  public FakeServer answer(String methodAndPath, int status, String contentType, String body) {
    answers.put(methodAndPath, new Answer(status, contentType, body));
    return this;
  }

  public FakeServer json(String methodAndPath, int status, String body) {
    return answer(methodAndPath, status, status < 400 ? "application/json" : "application/problem+json", body);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
