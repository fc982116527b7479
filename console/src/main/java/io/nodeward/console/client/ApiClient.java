package io.nodeward.console.client;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;

/**
 * One public API as the console calls it: always with the signed-in user's own access token, bounded by a timeout.
 * A problem answer becomes an {@link ApiProblem}; no answer (refused connection, timeout, a gateway error without a
 * problem body) becomes an {@link ApiUnavailable}.
 */
public final class ApiClient {

  private final WebClient web;
  private final String name;
  private final URI base;
  private final long timeoutMillis;

  public ApiClient(WebClient web, String name, URI base, Duration timeout) {
    this.web = web;
    this.name = name;
    this.base = base;
    this.timeoutMillis = timeout.toMillis();
  }

  public String name() {
    return name;
  }

  public URI base() {
    return base;
  }

  /** A request to {@code path} with the bearer token, ready for query parameters and a body. */
  public HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path, String accessToken) {
    int port = base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
    return web.request(method, port, base.getHost(), path)
        .ssl("https".equals(base.getScheme()))
        .timeout(timeoutMillis)
        .bearerTokenAuthentication(accessToken);
  }

  public HttpRequest<Buffer> get(String path, String accessToken, MultiMap query) {
    HttpRequest<Buffer> request = request(io.vertx.core.http.HttpMethod.GET, path, accessToken);
    if (query != null) {
      query.forEach(request::addQueryParam);
    }
    return request;
  }

  /** Sends and answers the JSON body of a 2xx, or fails with the problem / unavailability. */
  public Future<JsonObject> json(Future<HttpResponse<Buffer>> sent) {
    return answered(sent).map(response -> {
      String body = response.bodyAsString();
      return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    });
  }

  /** Only the 2xx check, for answers that are not JSON (PKCS#12, CSV). */
  public Future<HttpResponse<Buffer>> answered(Future<HttpResponse<Buffer>> sent) {
    return sent
        .recover(e -> Future.failedFuture(new ApiUnavailable(name, e.getClass().getSimpleName() + ": " + e.getMessage())))
        .compose(response -> response.statusCode() / 100 == 2
            ? Future.succeededFuture(response)
            : Future.failedFuture(failure(response.statusCode(), response.getHeader("Content-Type"), response.bodyAsString())));
  }

  /** The failure an error answer stands for. */
  public RuntimeException failure(int status, String contentType, String body) {
    JsonObject problem = null;
    if (contentType != null && contentType.contains("json") && body != null) {
      try {
        problem = new JsonObject(body);
      } catch (RuntimeException e) {
        problem = null;
      }
    }
    if (problem == null || problem.getString("code") == null) {
      if (status == 502 || status == 503 || status == 504) {
        return new ApiUnavailable(name, "HTTP " + status);
      }
      return new ApiProblem(name, status, "HTTP_" + status, "The " + name + " API answered HTTP " + status + ".");
    }
    String sentence = problem.getString("detail", problem.getString("title", "The request was refused."));
    return new ApiProblem(name, status, problem.getString("code"), sentence);
  }
}
