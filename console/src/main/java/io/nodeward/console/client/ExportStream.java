package io.nodeward.console.client;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The audit export passed through to the browser as it streams: the console never holds the export in memory, and
 * back-pressure flows through (a slow browser slows the audit service's cursor, which waits for its own writes).
 */
public final class ExportStream {

  private final HttpClient http;
  private final ApiClient api;
  private final long timeoutMillis;

  public ExportStream(HttpClient http, ApiClient api, Duration timeout) {
    this.http = http;
    this.api = api;
    this.timeoutMillis = timeout.toMillis();
  }

  /**
   * Starts the export with the user's token; once the audit service answers 200, {@code start} is called to set the
   * browser's headers and the body is piped. A refusal becomes an {@link ApiProblem} before anything is sent.
   */
  public Future<Void> pipe(String token, Map<String, String> query, HttpServerResponse to, Runnable start) {
    URI base = api.base();
    int port = base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
    StringBuilder uri = new StringBuilder("/v1/audit/export");
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      uri.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setServer(SocketAddress.inetSocketAddress(port, base.getHost()))
        .setHost(base.getHost()).setPort(port).setSsl("https".equals(base.getScheme())).setURI(uri.toString())
        .setIdleTimeout(timeoutMillis)
        .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token));
    return http.request(options)
        .compose(request -> request.send())
        .recover(e -> Future.failedFuture(new ApiUnavailable(api.name(), e.getMessage())))
        .compose(response -> response.statusCode() == 200 ? stream(response, to, start) : refused(response));
  }

  private static Future<Void> stream(HttpClientResponse response, HttpServerResponse to, Runnable start) {
    start.run();
    // Not endOnFailure: an export that breaks off must reach the browser as broken (reset), never as a complete file.
    return response.pipe().endOnFailure(false).to(to).onFailure(e -> to.reset());
  }

  private Future<Void> refused(HttpClientResponse response) {
    return response.body().compose(body -> Future.failedFuture(
        api.failure(response.statusCode(), response.getHeader("Content-Type"), body.toString())));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
