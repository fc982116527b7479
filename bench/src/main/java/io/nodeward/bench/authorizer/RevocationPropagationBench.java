package io.nodeward.bench.authorizer;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.KafkaSettings;
import io.nodeward.kit.kafka.TopicProvisioner;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Revocation propagation: for each of {@code count} certificates, open a kept-alive mTLS connection and get a
 * 200, publish {@code CertificateRevoked} (what the issuer's revoke call does before it returns: wait for
 * Kafka's acknowledgement), then send requests back to back on that same connection and time from the
 * acknowledgement to the first 403. Broker, authorizer (default settings: 50 ms poll) and client share one JVM.
 *
 * <p>Usage: {@code RevocationPropagationBench <dir> <count> [warmup]}
 */
public final class RevocationPropagationBench {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Files.createDirectories(dir);
    BenchPki pki = new BenchPki();
    Files.writeString(dir.resolve("ca.pem"), pki.caPem());
    pki.server().write(dir, "server");

    EmbeddedKafka broker = EmbeddedKafka.startTemporary();
    Vertx vertx = Vertx.vertx();
    KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "bench");
    TopicProvisioner.ensureTopics(vertx, settings, 1, 3).await();
    var upstream = vertx.createHttpServer().requestHandler(r -> r.response().end("ok")).listen(0, "127.0.0.1").await();
    EventPublisher events = EventPublisher.create(vertx, settings.withClientId("bench-issuer"), "/bench/issuer");
    events.publish(new NodeProvisioned("node-1", "alice", "http://127.0.0.1:" + upstream.actualPort(), Instant.now(),
        "admin")).await();

    List<BenchPki.Issued> certs = new ArrayList<>();
    for (int i = 0; i < warmup + count; i++) {
      BenchPki.Issued cert = pki.client("alice", "node-1");
      certs.add(cert);
      events.publish(cert.issued()).await();
    }
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_PROFILE", "dev"); // a plaintext loopback broker
    env.put("NODEWARD_KAFKA_BOOTSTRAP", broker.bootstrapServers());
    env.put("NODEWARD_TRUST_DOMAIN", BenchPki.TRUST_DOMAIN);
    env.put("NODEWARD_DATA_DIR", dir.resolve("data").toString());
    env.put("NODEWARD_AUTHORIZER_GATEWAY_PORT", "0");
    env.put("NODEWARD_AUTHORIZER_ADMIN_PORT", "0");
    env.put("NODEWARD_AUTHORIZER_GATEWAY_RATE", "0"); // each certificate asks as fast as it can until its 403
    env.put("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", dir.resolve("ca.pem").toString());
    env.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", dir.resolve("server.pem").toString());
    env.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", dir.resolve("server.key").toString());
    env.put("NODEWARD_AUTHORIZER_INSTANCE_ID", "bench-authorizer");
    AuthorizerConfig config = AuthorizerConfig.fromEnv(Env.of(env));
    AuthorizerService authorizer = AuthorizerService.start(vertx, config).await();

    long[] micros = new long[count];
    long[] requestsUntilDenied = new long[count];
    for (int i = 0; i < warmup + count; i++) {
      Result result = measure(vertx, authorizer.gatewayPort(), pki, certs.get(i), events);
      if (i >= warmup) {
        micros[i - warmup] = result.micros;
        requestsUntilDenied[i - warmup] = result.requests;
      }
    }
    Arrays.sort(micros);
    System.out.printf("revocations=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f mean_requests_until_403=%.1f%n",
        count, micros[(int) Math.ceil(count * 0.50) - 1] / 1000.0, micros[(int) Math.ceil(count * 0.90) - 1] / 1000.0,
        micros[(int) Math.ceil(count * 0.99) - 1] / 1000.0, micros[count - 1] / 1000.0,
        Arrays.stream(requestsUntilDenied).average().orElse(0));
    authorizer.close().await();
    events.close().await();
    vertx.close().await();
    broker.close();
  }

  record Result(long micros, long requests) {
  }

  private static Result measure(Vertx vertx, int port, BenchPki pki, BenchPki.Issued cert, EventPublisher events)
      throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setKeepAlive(true)
            .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(cert.certPem()))
                .setKeyValue(Buffer.buffer(cert.keyPem())))
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pki.caPem()))),
        new PoolOptions().setHttp1MaxSize(1));
    RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI("/nodes/node-1/r");
    try {
      Status first = status(client, get).await();
      if (first.code != 200) {
        throw new IllegalStateException("expected 200 before revocation, got " + first.code);
      }
      events.publish(cert.revoked()).await();
      long acknowledged = System.nanoTime();
      long requests = 0;
      while (true) {
        Status status = status(client, get).await();
        requests++;
        if (status.connection != first.connection) {
          throw new IllegalStateException("the connection was not kept alive");
        }
        if (status.code == 403) {
          return new Result((System.nanoTime() - acknowledged) / 1_000, requests);
        }
      }
    } finally {
      client.close().await();
    }
  }

  record Status(int code, HttpConnection connection) {
  }

  private static Future<Status> status(HttpClient client, RequestOptions options) {
    Promise<Status> promise = Promise.promise();
    client.request(options).compose(request -> request.send()
            .compose(response -> response.body().map(b -> new Status(response.statusCode(), request.connection()))))
        .onComplete(promise);
    return promise.future();
  }
}
