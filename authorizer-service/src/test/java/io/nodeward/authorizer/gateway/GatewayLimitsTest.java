package io.nodeward.authorizer.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.authorizer.app.AccessAuthorization;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.authorizer.domain.ClientChainVerifier;
import io.nodeward.authorizer.testing.AuthorizerFixture;
import io.nodeward.authorizer.testing.EchoUpstream;
import io.nodeward.authorizer.testing.FakeAllowList;
import io.nodeward.authorizer.testing.MtlsClients;
import io.nodeward.authorizer.testing.RawTls;
import io.nodeward.authorizer.testing.TestPki.Issued;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway's connection cap, header-read timeout and per-certificate rate (issue 13.12). */
class GatewayLimitsTest {

  static final Instant NOW = Instant.now();

  final Vertx vertx = Vertx.vertx();
  final AuthorizerFixture fixture = new AuthorizerFixture();
  final EchoUpstream upstream = EchoUpstream.start(vertx);
  final Issued good = fixture.pki.client("alice", "node-1");
  final Issued revoked = fixture.pki.client("alice", "node-1");
  final FakeAllowList allowList = new FakeAllowList(NOW)
      .apply(new NodeProvisioned("node-1", "alice", upstream.url(), NOW, "admin"), good.issued(), revoked.issued(),
          revoked.revoked());

  @AfterEach
  void stop() {
    upstream.close();
    Await.result(vertx.close());
  }

  int gateway(Map<String, String> limits) {
    Map<String, String> env = fixture.env("127.0.0.1:9", fixture.dir.resolve("data"), Duration.ofSeconds(5),
        TlsEngine.AUTO);
    env.putAll(limits);
    AccessAuthorization authorization = new AccessAuthorization(allowList,
        new ClientChainVerifier(List.of(fixture.pki.caCertificate())), d -> Future.succeededFuture(),
        Clock.systemUTC(), "gw-limits", Duration.ZERO);
    GatewayVerticle gateway = new GatewayVerticle(fixture.config(env), 0, authorization, e -> { });
    Await.result(vertx.deployVerticle(gateway));
    return gateway.actualPort();
  }

  record Answer(int status, String retryAfter, JsonObject json) {
  }

  static Answer get(HttpClient client, int port) {
    return Await.result(client.request(new RequestOptions().setHost("127.0.0.1").setPort(port)
            .setMethod(HttpMethod.GET).setURI("/nodes/node-1/x"))
        .compose(request -> request.send().compose(response -> response.body().map(body -> new Answer(
            response.statusCode(), response.getHeader("retry-after"), body.toJsonObject())))));
  }

  /** Over the rate, 429 with Retry-After; a revoked certificate too (it still completes the handshake). */
  @Test
  void aCertificateOverItsRateGets429AndSoDoesARevokedOne() {
    int port = gateway(Map.of("NODEWARD_AUTHORIZER_GATEWAY_RATE", "2"));
    for (Issued cert : List.of(good, revoked)) {
      HttpClient client = MtlsClients.with(vertx, cert, fixture.pki);
      Answer limited = null;
      for (int i = 0; i < 500 && limited == null; i++) {
        Answer answer = get(client, port);
        if (answer.status() == 429) {
          limited = answer;
        } else {
          assertEquals(cert == good ? 200 : 403, answer.status(), answer.json().encode());
        }
      }
      Await.result(client.close());
      assertNotNull(limited, "no 429 in 500 requests at 2 a second");
      assertEquals("RATE_LIMITED", limited.json().getString("code"));
      assertTrue(Integer.parseInt(limited.retryAfter()) >= 1, limited.retryAfter());
    }
  }

  @Test
  void aConnectionOverTheCapIsClosedAndTheOthersKeepWorking() throws Exception {
    int port = gateway(Map.of("NODEWARD_AUTHORIZER_GATEWAY_MAX_CONNECTIONS", "2",
        "NODEWARD_AUTHORIZER_GATEWAY_HEADER_TIMEOUT", "60s"));
    try (SSLSocket first = RawTls.connect(good, fixture.pki, port);
        SSLSocket second = RawTls.connect(good, fixture.pki, port);
        SSLSocket third = RawTls.connect(good, fixture.pki, port)) {
      assertTrue(closedByServer(third), "the third connection is closed");
      String answer = request(first, "GET /nodes/node-1/x HTTP/1.1\r\nHost: a\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    }
  }

  /** Issue 13.12: before, a client trickling its headers held the connection until the idle timeout (120 s). */
  @Test
  void aConnectionThatDoesNotFinishItsHeadersInTimeIsClosed() throws Exception {
    int port = gateway(Map.of("NODEWARD_AUTHORIZER_GATEWAY_HEADER_TIMEOUT", "1s"));
    try (SSLSocket slow = RawTls.connect(good, fixture.pki, port)) {
      slow.getOutputStream().write("GET /nodes/node-1/x HTTP/1.1\r\nHost: a\r\n".getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      assertTrue(closedByServer(slow), "closed without an answer");
    }
  }

  /** True when the server closes the connection (end of stream, or a reset); fails when it stays open 30 s. */
  static boolean closedByServer(SSLSocket socket) {
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("still open after 30 s", e);
    } catch (java.io.IOException e) {
      return true;
    }
  }

  /** Reads one response with a body of known length (the echo upstream's JSON). */
  static String request(SSLSocket socket, String request) throws Exception {
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    int n = in.read(buffer);
    return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
  }
}
