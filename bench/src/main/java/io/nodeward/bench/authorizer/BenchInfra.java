package io.nodeward.bench.authorizer;

import io.nodeward.events.NodeProvisioned;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaSettings;
import io.nodeward.kit.kafka.TopicProvisioner;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What both gateways under test share, in its own JVM so its CPU is charged to neither: the Kafka broker, the
 * node's upstream (plain HTTP, a 2-byte body) and the PKI (CA, server and client PEM files written to
 * {@code dir}). Publishes node-1 (owned by alice, upstream here) and alice's certificate; writes
 * {@code dir/infra-ready} with the bootstrap address; runs until killed.
 *
 * <p>Usage: {@code BenchInfra <dir> <upstreamPort>}
 */
public final class BenchInfra {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int upstreamPort = Integer.parseInt(args[1]);
    Files.createDirectories(dir);
    BenchPki pki = new BenchPki();
    Files.writeString(dir.resolve("ca.pem"), pki.caPem());
    pki.server().write(dir, "server");
    BenchPki.Issued client = pki.client("alice", "node-1");
    client.write(dir, "client");

    EmbeddedKafka broker = EmbeddedKafka.startTemporary();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "bench-infra");
    TopicProvisioner.ensureTopics(vertx, settings, 1, 3).await();
    HttpServer upstream = vertx.createHttpServer()
        .requestHandler(request -> request.response().putHeader("content-type", "text/plain").end("ok"))
        .listen(upstreamPort, "127.0.0.1").await();
    EventPublisher events = EventPublisher.create(vertx, settings, "/bench/platform");
    events.publish(new NodeProvisioned("node-1", "alice", "http://127.0.0.1:" + upstream.actualPort(), Instant.now(),
        "admin")).await();
    events.publish(client.issued()).await();
    Files.writeString(dir.resolve("infra-ready"), "bootstrap=" + broker.bootstrapServers() + "\nupstream="
        + upstream.actualPort() + "\n");
    System.out.println("infra ready: broker " + broker.bootstrapServers() + ", upstream " + upstream.actualPort());
    Thread.currentThread().join();
  }
}
