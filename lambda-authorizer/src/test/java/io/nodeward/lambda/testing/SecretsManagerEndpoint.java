package io.nodeward.lambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local endpoint speaking Secrets Manager's wire protocol for GetSecretValue (JSON 1.1, {@code X-Amz-Target:
 * secretsmanager.GetSecretValue}), so the Lambda's real AWS SDK client is tested end to end without AWS.
 */
public final class SecretsManagerEndpoint implements AutoCloseable {

  /** What the SDK sent: target, Authorization header (SigV4), body. */
  public record Call(String target, String authorization, String body) {
  }

  private final HttpServer server;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private SecretsManagerEndpoint(HttpServer server) {
    this.server = server;
  }

  public static SecretsManagerEndpoint start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      SecretsManagerEndpoint endpoint = new SecretsManagerEndpoint(http);
      http.createContext("/", endpoint::handle);
      http.start();
      return endpoint;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void put(String secretId, String secretString) {
    secrets.put(secretId, secretString);
  }

  public List<Call> calls() {
    return calls;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    calls.add(new Call(target, exchange.getRequestHeaders().getFirst("Authorization"), body));
    String secretId = secrets.keySet().stream().filter(id -> body.contains("\"SecretId\":\"" + id + "\""))
        .findFirst().orElse(null);
    if (!"secretsmanager.GetSecretValue".equals(target) || secretId == null) {
      respond(exchange, 400, "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}");
      return;
    }
    String value = secrets.get(secretId).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    respond(exchange, 200, "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + secretId
        + "\",\"Name\":\"" + secretId + "\",\"SecretString\":\"" + value + "\",\"VersionId\":\"v1\","
        + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}");
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
