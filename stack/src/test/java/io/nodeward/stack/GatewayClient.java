package io.nodeward.stack;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client of the mTLS gateway holding one kept-alive connection (a pool of one), presenting a certificate the
 * issuer handed out and trusting only the CA the issuer publishes. It records every connection it opens, so a
 * test can prove that two requests travelled on the same one.
 */
public final class GatewayClient implements AutoCloseable {

  /** One gateway answer and the connection it came on. */
  public record Answer(int status, JsonObject json, String text, String contentType, HttpConnection connection) {
    public String code() {
      return json == null ? null : json.getString("code");
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  private final HttpClientAgent client;
  private final int port;
  private final List<HttpConnection> opened;

  private GatewayClient(HttpClientAgent client, int port, List<HttpConnection> opened) {
    this.client = client;
    this.port = port;
    this.opened = opened;
  }

  static GatewayClient open(Vertx vertx, int port, String caPem, String certPem, String keyPem) {
    List<HttpConnection> opened = new CopyOnWriteArrayList<>();
    HttpClientAgent client = vertx.httpClientBuilder()
        .with(new HttpClientOptions()
            .setSsl(true)
            .setVerifyHost(true)
            .setKeepAlive(true)
            .setKeepAliveTimeout(120)
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem)))
            .setKeyCertOptions(new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(certPem))
                .setKeyValue(Buffer.buffer(keyPem))))
        .with(new PoolOptions().setHttp1MaxSize(1))
        .withConnectHandler(opened::add)
        .build();
    return new GatewayClient(client, port, opened);
  }

  /** How many TLS connections this client has opened so far. */
  int connectionsOpened() {
    return opened.size();
  }

  public Answer get(String path) {
    return StackHarness.await(client.request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(request -> request.send()
            .compose(response -> response.body().map(body -> answer(response.statusCode(), body,
                response.getHeader("content-type"), request.connection())))), "GET " + path + " via the gateway");
  }

  private static Answer answer(int status, Buffer body, String contentType, HttpConnection connection) {
    String text = body.toString();
    JsonObject json = null;
    if (text.startsWith("{")) {
      try {
        json = new JsonObject(text);
      } catch (RuntimeException e) {
        // kept as text for the failure message
      }
    }
    return new Answer(status, json, text, contentType, connection);
  }

  @Override
  public void close() {
    StackHarness.await(client.close(), "the gateway client to close");
  }
}
