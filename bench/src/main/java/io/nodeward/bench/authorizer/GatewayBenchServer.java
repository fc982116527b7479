package io.nodeward.bench.authorizer;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.authorizer.gateway.GatewayTls;
import io.nodeward.kit.config.Env;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The authorizer alone, in its own JVM (so its CPU can be measured), against the broker and PEM files of a
 * running {@link BenchInfra}. Every request it serves is decided and published to Kafka as an AccessDecided
 * event, as in production. Writes {@code dir/ready}; runs until killed.
 *
 * <p>Usage: {@code GatewayBenchServer <dir> <gatewayPort> [auto|openssl|jdk] [eventLoops]}
 */
public final class GatewayBenchServer {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int gatewayPort = Integer.parseInt(args[1]);
    TlsEngine engine = args.length > 2 ? TlsEngine.valueOf(args[2].toUpperCase()) : TlsEngine.AUTO;
    int loops = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    Properties infra = new Properties();
    try (var reader = Files.newBufferedReader(dir.resolve("infra-ready"))) {
      infra.load(reader);
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("NODEWARD_PROFILE", "dev"); // a plaintext loopback broker
    env.putIfAbsent("NODEWARD_KAFKA_BOOTSTRAP", infra.getProperty("bootstrap"));
    env.putIfAbsent("NODEWARD_TRUST_DOMAIN", BenchPki.TRUST_DOMAIN);
    env.putIfAbsent("NODEWARD_DATA_DIR", dir.resolve("data").toString());
    env.put("NODEWARD_AUTHORIZER_GATEWAY_PORT", Integer.toString(gatewayPort));
    env.putIfAbsent("NODEWARD_AUTHORIZER_ADMIN_PORT", "0");
    env.putIfAbsent("NODEWARD_AUTHORIZER_GATEWAY_RATE", "0"); // a load test: one certificate, thousands a second
    env.put("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", dir.resolve("ca.pem").toString());
    env.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", dir.resolve("server.pem").toString());
    env.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", dir.resolve("server.key").toString());
    env.put("NODEWARD_AUTHORIZER_TLS_ENGINE", engine.name());
    env.putIfAbsent("NODEWARD_AUTHORIZER_INSTANCE_ID", "bench-authorizer");
    env.put("NODEWARD_AUTHORIZER_GATEWAY_INSTANCES", Integer.toString(loops));
    AuthorizerConfig config = AuthorizerConfig.fromEnv(Env.of(env));
    Vertx vertx = Vertx.vertx();
    AuthorizerService authorizer = AuthorizerService.start(vertx, config).await();
    String engineName = GatewayTls.useOpenSsl(engine) ? "OpenSSL" : "JDK";
    Files.writeString(dir.resolve("ready"), "gateway=" + authorizer.gatewayPort() + "\nadmin=" + authorizer.adminPort()
        + "\nengine=" + engineName + "\nloops=" + loops + "\n");
    System.out.println("ready: gateway " + authorizer.gatewayPort() + " (" + engineName + ", " + loops
        + " event loops), admin " + authorizer.adminPort());
    Thread.currentThread().join();
  }
}
