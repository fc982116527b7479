package io.nodeward.bench.issuer;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.bench.Machine;
import io.nodeward.bench.authorizer.BenchPki;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.IssuerService;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.config.Env;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Confirmed revocation latency: the issuer's {@code POST /v1/certificates/{serial}/revoke} timed from request to
 * answer, which now includes waiting until every live authorizer instance reports (on
 * {@code nodeward.authorizer-status.v1}) that it applied the revocation. Broker, dev identity provider, issuer,
 * {@code instances} authorizers and this driver share one JVM. Each certificate is issued (untimed) and then
 * revoked, one at a time; every answer must be 200 with all instances confirming.
 *
 * <pre>java -cp ... io.nodeward.bench.issuer.ConfirmedRevocationBench [instances=3] [count=300] [warmup=50]</pre>
 */
public final class ConfirmedRevocationBench {

  public static void main(String[] args) throws Exception {
    if (System.getProperty("nodeward.log.level") == null) {
      System.setProperty("nodeward.log.level", "warn");
    }
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    Path dir = Files.createTempDirectory("confirmed-revocation-bench-");
    Vertx vertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    List<AuthorizerService> authorizers = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      DevIdentityProvider idp = DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dir)).await();
      IssuerService issuer = IssuerService.start(vertx, IssuerConfig.fromEnv(Env.of(Map.of(
          "NODEWARD_PROFILE", "dev", // the dev identity provider, a plaintext loopback broker
          "NODEWARD_ISSUER_PORT", "0",
          "NODEWARD_ISSUER_MTLS_PORT", "0",
          "NODEWARD_ISSUER_ISSUE_RATE", "0",
          "NODEWARD_ISSUER_REVOKE_RATE", "0",
          "NODEWARD_DATA_DIR", dir.resolve("issuer-data").toString(),
          "NODEWARD_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
          "NODEWARD_COGNITO_ISSUER", idp.issuer(),
          "NODEWARD_COGNITO_CLIENT_IDS", String.join(",", idp.clientIds()))))).await();
      BenchPki pki = new BenchPki();
      pki.server().write(dir, "server");
      for (int i = 1; i <= instances; i++) {
        Map<String, String> env = new HashMap<>();
        env.put("NODEWARD_PROFILE", "dev");
        env.put("NODEWARD_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("NODEWARD_DATA_DIR", dir.resolve("authorizer-" + i).toString());
        env.put("NODEWARD_AUTHORIZER_GATEWAY_PORT", "0");
        env.put("NODEWARD_AUTHORIZER_ADMIN_PORT", "0");
        env.put("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", issuer.caChainFile().toString());
        env.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", dir.resolve("server.pem").toString());
        env.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", dir.resolve("server.key").toString());
        env.put("NODEWARD_AUTHORIZER_INSTANCE_ID", "bench-authorizer-" + i);
        env.put("NODEWARD_AUTHORIZER_GATEWAY_INSTANCES", "1");
        authorizers.add(AuthorizerService.start(vertx, AuthorizerConfig.fromEnv(Env.of(env))).await());
      }
      String clientId = idp.clientIds().get(0);
      String admin = idp.tokens().signIn(DevUsers.ADMIN.username(), DevUsers.ADMIN.password(), clientId).await()
          .accessToken();
      String alice = idp.tokens().signIn(DevUsers.ALICE.username(), DevUsers.ALICE.password(), clientId).await()
          .accessToken();
      HttpClient http = clientVertx.createHttpClient();
      int port = issuer.port();
      call(http, port, HttpMethod.POST, "/v1/admin/nodes", admin, new JsonObject().put("nodeId", "bench-node")
          .put("ownerUserId", sub(alice)).put("upstreamUrl", "http://127.0.0.1:9000"), 201);
      awaitLive(http, port, instances);
      System.out.printf("Confirmed revocation bench: %d authorizer instance(s), cores=%d, java %s, load %s%n",
          instances, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Machine.loadAverages());

      long[] micros = new long[count];
      long cpuNanos = 0;
      for (int i = 0; i < warmup + count; i++) {
        String serial = call(http, port, HttpMethod.POST, "/v1/certificates", alice,
            new JsonObject().put("nodeId", "bench-node").put("keyAlgorithm", "EC_P256"), 201).getString("serialNumber");
        long cpu = Machine.processCpuNanos();
        long began = System.nanoTime();
        JsonObject revoked = call(http, port, HttpMethod.POST, "/v1/certificates/" + serial + "/revoke", alice,
            new JsonObject().put("reason", "KEY_COMPROMISE"), 200);
        long took = System.nanoTime() - began;
        int confirmed = revoked.getJsonObject("propagation").getJsonArray("confirmedBy").size();
        if (confirmed != instances) {
          throw new IllegalStateException("revocation " + i + " confirmed by " + confirmed + " of " + instances
              + ": " + revoked.getJsonObject("propagation"));
        }
        if (i >= warmup) {
          micros[i - warmup] = took / 1_000;
          cpuNanos += Machine.processCpuNanos() - cpu;
        }
      }
      Arrays.sort(micros);
      System.out.printf("RESULT revocations=%d instances=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f "
              + "jvm_cpu_ms_per_revocation=%.2f%n", count, instances, pct(micros, 0.50), pct(micros, 0.90),
          pct(micros, 0.99), micros[count - 1] / 1000.0, cpuNanos / 1e6 / count);
      System.out.printf("Load average after: %s%n", Machine.loadAverages());
      http.close().await();
      for (AuthorizerService authorizer : authorizers) {
        authorizer.close().await();
      }
      issuer.close().await();
      idp.close().await();
    } finally {
      clientVertx.close().await();
      vertx.close().await();
    }
    System.exit(0);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.ceil(sorted.length * p) - 1] / 1000.0;
  }

  private static JsonObject call(HttpClient http, int port, HttpMethod method, String path, String token,
      JsonObject body, int expected) {
    return http.request(method, port, "127.0.0.1", path)
        .compose(r -> r.putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json")
            .send(body.encode())
            .compose(response -> response.body().map(b -> {
              if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " " + b);
              }
              return b.length() == 0 ? new JsonObject() : new JsonObject(b);
            })))
        .await();
  }

  private static void awaitLive(HttpClient http, int port, int instances) throws InterruptedException {
    for (int attempt = 0; attempt < 600; attempt++) {
      JsonObject ready = http.request(HttpMethod.GET, port, "127.0.0.1", "/health/ready")
          .compose(r -> r.send().compose(response -> response.body())).map(b -> new JsonObject(b)).await();
      var live = ready.getJsonObject("checks").getJsonObject("authorizerStatusConsumer").getJsonArray("liveAuthorizers");
      if (live != null && live.size() == instances) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the issuer never heard " + instances + " authorizer instances");
  }

  private static String sub(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
        .getString("sub");
  }
}
