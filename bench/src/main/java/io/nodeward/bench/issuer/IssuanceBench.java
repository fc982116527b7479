package io.nodeward.bench.issuer;

import io.nodeward.bench.Machine;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.IssuerService;
import io.nodeward.issuer.ca.LocalCa;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.KafkaSettings;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * End-to-end issuance throughput and latency: HTTP → token check → policy → key (CSR verified, or generated)
 * → local CA signs → CertificateIssued acknowledged by Kafka (acks=all) → 201. One JVM holds the in-process
 * broker, the dev identity provider, the issuer and this driver, so they share the machine's cores.
 *
 * <pre>java -cp ... io.nodeward.bench.issuer.IssuanceBench [connections=32] [csrCount=10000] [ecCount=5000] [rsaCount=300]</pre>
 */
public final class IssuanceBench {

  public static void main(String[] args) throws Exception {
    if (System.getProperty("nodeward.log.level") == null) {
      System.setProperty("nodeward.log.level", "warn"); // read when logging starts (NodewardLogging)
    }
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int csrCount = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int ecCount = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    int rsaCount = args.length > 3 ? Integer.parseInt(args[3]) : 300;

    Path dataDir = Files.createTempDirectory("issuer-bench-");
    Vertx vertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      DevIdentityProvider idp = DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)).await();
      KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrapServers(), "nodeward-issuer");
      IssuerConfig config = IssuerConfig.fromEnv(Env.of(Map.of(
          "NODEWARD_PROFILE", "dev", // the dev identity provider, a plaintext loopback broker
          "NODEWARD_ISSUER_PORT", "0",
          "NODEWARD_ISSUER_MTLS_PORT", "0",
          "NODEWARD_ISSUER_ISSUE_RATE", "0", // one user issues thousands a second here: the limit is off
          "NODEWARD_DATA_DIR", dataDir.toString(),
          "NODEWARD_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
          "NODEWARD_COGNITO_ISSUER", idp.issuer(),
          "NODEWARD_COGNITO_CLIENT_IDS", String.join(",", idp.clientIds()))));
      IssuerService issuer = IssuerService.start(vertx, config).await();
      String clientId = idp.clientIds().get(0);
      String admin = idp.tokens().signIn(DevUsers.ADMIN.username(), DevUsers.ADMIN.password(), clientId).await().accessToken();
      String alice = idp.tokens().signIn(DevUsers.ALICE.username(), DevUsers.ALICE.password(), clientId).await().accessToken();
      provision(clientVertx, issuer.port(), admin, "bench-node", sub(alice));

      List<String> ecCsrs = csrs("EC", 500);
      List<String> rsaCsrs = csrs("RSA", 64);
      System.out.printf("Issuer bench: %d connections, cores=%d, java %s, load %s%n", connections,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Machine.loadAverages());

      System.out.println("Warm-up ...");
      load(clientVertx, issuer, alice, connections, Math.max(2000, csrCount / 4), csrBody(rsaCsrs));
      load(clientVertx, issuer, alice, connections, Math.max(2000, csrCount / 4), csrBody(ecCsrs));
      load(clientVertx, issuer, alice, connections, 1000, i -> "{\"nodeId\":\"bench-node\",\"keyAlgorithm\":\"EC_P256\"}");
      load(clientVertx, issuer, alice, Math.min(connections, 8), 30, i -> "{\"nodeId\":\"bench-node\"}");

      // -Dbench.modes=csr-rsa,csr-ec,ec,rsa picks modes (e.g. to profile one); -Dbench.components=false skips the parts.
      List<String> modes = List.of(System.getProperty("bench.modes", "csr-rsa,csr-ec,ec,rsa").split(","));
      if (modes.contains("csr-rsa")) {
        report("CSR mode, client RSA-2048 keys (seeds' type)",
            load(clientVertx, issuer, alice, connections, csrCount, csrBody(rsaCsrs)));
      }
      if (modes.contains("csr-ec")) {
        report("CSR mode, client EC P-256 keys",
            load(clientVertx, issuer, alice, connections, csrCount, csrBody(ecCsrs)));
      }
      if (modes.contains("ec")) {
        report("server-generated EC P-256", load(clientVertx, issuer, alice, connections, ecCount,
            i -> "{\"nodeId\":\"bench-node\",\"keyAlgorithm\":\"EC_P256\"}"));
      }
      if (modes.contains("rsa")) {
        report("server-generated RSA-2048", load(clientVertx, issuer, alice, connections, rsaCount,
            i -> "{\"nodeId\":\"bench-node\",\"keyAlgorithm\":\"RSA_2048\"}"));
      }

      CognitoTokenVerifier verifier = CognitoTokenVerifier.create(vertx, config.cognito());
      if (Boolean.parseBoolean(System.getProperty("bench.components", "true"))) ComponentTimings.run(vertx, kafkaSettings, (LocalCa) issuer.certificateAuthority(), config.profile(), ecCsrs, rsaCsrs,
          verifier, alice, connections);
      System.out.printf("Load average after: %s%n", Machine.loadAverages());
      verifier.close().await();
      issuer.close().await();
      idp.close().await();
    } finally {
      clientVertx.close().await();
      vertx.close().await();
    }
    System.exit(0);
  }

  private static HttpLoad.Result load(Vertx vertx, IssuerService issuer, String token, int connections, int count,
      java.util.function.IntFunction<String> body) {
    return HttpLoad.run(vertx, issuer.port(), "/v1/certificates", token, connections, count, body);
  }

  private static java.util.function.IntFunction<String> csrBody(List<String> csrs) {
    return i -> new JsonObject().put("nodeId", "bench-node").put("csrPem", csrs.get(i % csrs.size())).encode();
  }

  private static void report(String mode, HttpLoad.Result result) {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("RESULT %-44s %,7d certs in %6.2f s = %,7.0f certs/s  %s  failures %d%s%n", mode,
        result.requests(), result.seconds(), result.perSecond(), result.latencies().summary(), result.failures(),
        result.firstFailure() == null ? "" : " (first: " + result.firstFailure() + ")");
    System.out.printf("       %-44s JVM CPU %.2f ms/cert (server+broker+IdP+driver) -> at most %,.0f certs/s on %d idle cores%n",
        "", result.cpuMillisPerRequest(), cores * 1000 / result.cpuMillisPerRequest(), cores);
  }

  private static void provision(Vertx vertx, int port, String admin, String nodeId, String owner) {
    var client = vertx.createHttpClient();
    int status = client.request(io.vertx.core.http.HttpMethod.POST, port, "127.0.0.1", "/v1/admin/nodes")
        .compose(r -> r.putHeader("Authorization", "Bearer " + admin).putHeader("Content-Type", "application/json")
            .send(new JsonObject().put("nodeId", nodeId).put("ownerUserId", owner)
                .put("upstreamUrl", "http://127.0.0.1:9000").encode()))
        .map(r -> r.statusCode()).await();
    if (status != 201) {
      throw new IllegalStateException("provisioning failed: " + status);
    }
    client.close().await();
  }

  private static String sub(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
        .getString("sub");
  }

  /** Client-side key pairs and CSRs made before the clock starts: in CSR mode the key never reaches the issuer. */
  private static List<String> csrs(String type, int count) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
    if (type.equals("EC")) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(2048);
    }
    List<String> csrs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      KeyPair pair = generator.generateKeyPair();
      csrs.add(Pem.write(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=client-" + i), pair.getPublic())
          .build(new JcaContentSignerBuilder(type.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
              .build(pair.getPrivate()))));
    }
    return csrs;
  }

}
