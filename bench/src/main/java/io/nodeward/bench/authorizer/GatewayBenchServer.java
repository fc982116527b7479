package io.nodeward.bench.authorizer;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.authorizer.gateway.GatewayTls;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    AuthorizerConfig config = new AuthorizerConfig(new KafkaSettings(infra.getProperty("bootstrap"),
        "bench-authorizer", Duration.ofSeconds(30), Duration.ofMillis(50)), BenchPki.TRUST_DOMAIN,
        dir.resolve("data"), "127.0.0.1", gatewayPort, "127.0.0.1", 0, dir.resolve("ca.pem"), dir.resolve("server.pem"),
        dir.resolve("server.key"), engine, Duration.ofSeconds(5), Duration.ofMillis(250), 256L * 1024 * 1024,
        Duration.ofSeconds(5), "bench-authorizer", loops);
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
