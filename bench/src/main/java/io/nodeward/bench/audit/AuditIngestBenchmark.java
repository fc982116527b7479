package io.nodeward.bench.audit;

import io.nodeward.audit.AuditService;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.bench.Machine;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.Topics;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.kafka.KafkaSettings;
import io.nodeward.kit.kafka.TopicProvisioner;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sustained ingest rate from Kafka into the audit store's transparency log (records and tiles): pre-loads N events into the topics with a
 * plain producer, then starts the audit service and times it consuming, verifying, appending (leaf hashes, tiles) and committing them
 * all (events/s, and the JVM's CPU per event). A warm-up run of W events (own database, own consumer group) comes first so the JIT is warm.
 *
 * <pre>java -cp ... io.nodeward.bench.audit.AuditIngestBenchmark &lt;postgres|sqlite&gt; [events=200000] [warmup=50000] [batch=2000] [consumers=2]</pre>
 */
public final class AuditIngestBenchmark {

  public static void main(String[] args) throws Exception {
    String store = args.length > 0 ? args[0] : "postgres";
    long events = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
    long warmup = args.length > 2 ? Long.parseLong(args[2]) : 50_000;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    int consumers = args.length > 4 ? Integer.parseInt(args[4]) : 2;

    Vertx vertx = Vertx.vertx();
    try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), "bench");
      TopicProvisioner.ensureTopics(vertx, settings, 1, 3).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      if (warmup > 0) {
        Result w = run(vertx, settings, store, warmup, batch, consumers, "warmup", 1);
        System.out.printf("warm-up   %-8s %,9d events in %6.2f s = %,8.0f events/s%n", store, warmup, w.seconds, w.rate());
      }
      Result r = run(vertx, settings, store, events, batch, consumers, "measured", 2);
      System.out.printf("RESULT ingest %-8s %,9d events in %6.2f s = %,8.0f events/s; JVM CPU %.1f µs/event (service, consumers and "
          + "in-process broker; the database's own CPU not counted); load average %.2f (batch %d, %d consumers, produce %.1f s, "
          + "service start %.2f s)%n", store, events, r.seconds, r.rate(), r.cpuMicrosPerEvent, Machine.loadAverage(),
          batch, consumers, r.produceSeconds, r.startSeconds);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  record Result(long events, double seconds, double produceSeconds, double startSeconds, double cpuMicrosPerEvent) {
    double rate() {
      return events / seconds;
    }
  }

  private static Result run(Vertx vertx, KafkaSettings settings, String store, long count, int batch, int consumers, String group,
      long seed)
      throws Exception {
    long produceStart = System.nanoTime();
    produce(settings, count, seed);
    double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
    Path dataDir = Files.createTempDirectory("audit-bench-data");
    try (BenchDatabase db = BenchDatabase.create(store)) {
      AuditConfig config = AuditConfig.builder(dataDir, db.url, settings.withClientId("bench-audit"),
              CognitoConfig.of("http://127.0.0.1:9/bench", Set.of("bench")))
          .consumerGroup("bench-" + group)
          .batchSize(batch)
          .consumers(consumers)
          .checkpointInterval(Duration.ofSeconds(10))
          .build();
      long t0 = System.nanoTime();
      AuditService service = vertx.executeBlocking(() -> null).compose(x -> AuditService.start(vertx, config))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      // Timed from the first committed batch to the last, so consumer-group join time is not counted as ingest.
      long firstSeen = 0;
      long headAtFirst = 0;
      long cpuAtFirst = 0;
      while (true) {
        long head = service.store().treeSize();
        if (head > 0 && firstSeen == 0) {
          firstSeen = System.nanoTime();
          cpuAtFirst = Machine.processCpuNanos();
          headAtFirst = head;
        }
        if (head >= count) {
          break;
        }
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - firstSeen) / 1e9;
      double cpuMicros = (Machine.processCpuNanos() - cpuAtFirst) / 1e3 / (count - headAtFirst);
      service.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return new Result(count - headAtFirst, seconds, produceSeconds, startSeconds, cpuMicros);
    }
  }

  /** Writes the events straight to the topics (the producers' cost is not what is measured). */
  private static void produce(KafkaSettings settings, long count, long seed) throws Exception {
    EventCodec codec = new EventCodec();
    AuditEventGenerator generator = new AuditEventGenerator(count, 500, 1000, 5000, Instant.parse("2026-11-01T00:00:00Z"),
        Duration.ofDays(1), seed);
    Map<String, Object> config = new HashMap<>(settings.producerConfig());
    config.put("linger.ms", "20");
    config.put("request.timeout.ms", "20000");
    config.put("batch.size", "262144");
    config.put("compression.type", "none");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      for (long i = 0; i < count; i++) {
        CloudEvent<?> event = generator.event(i);
        producer.send(new ProducerRecord<>(event.topic().name(), event.key(), codec.encodeBytes(event)));
      }
      producer.flush();
    }
    assert Topics.ALL.size() > 0;
  }
}
