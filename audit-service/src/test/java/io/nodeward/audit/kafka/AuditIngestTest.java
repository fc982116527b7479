package io.nodeward.audit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.AuditService;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.app.LogIntegrity;
import io.nodeward.audit.config.LogSettings;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.store.JdbcAuditStore;
import io.vertx.core.WorkerExecutor;
import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.app.TrailIngest;
import io.nodeward.audit.store.LogKeyFile;
import io.nodeward.audit.testing.PostgresTestDatabase;
import io.nodeward.events.AuditLogCheckpoint;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.Topics;
import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Ingest from a real in-process Kafka broker into real stores, including a crash between the two commits. */
class AuditIngestTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  static final EventCodec CODEC = new EventCodec();
  static Vertx vertx;
  static EventPublisher publisher;
  static PostgresTestDatabase postgres;

  @TempDir
  Path dataDir;
  final List<AuditService> services = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    publisher = EventPublisher.create(vertx, KAFKA.settings("test-producer"), "/nodeward/test");
    postgres = PostgresTestDatabase.create();
  }

  @AfterAll
  static void stop() {
    Await.result(publisher.close());
    Await.result(vertx.close());
    postgres.close();
  }

  @AfterEach
  void closeServices() {
    services.forEach(s -> Await.result(s.close()));
  }

  /**
   * The broker is shared by the class: a new group starts at the current end of the topics, so each test sees
   * only the events it publishes itself.
   */
  static String groupAtEnd(String group) {
    Map<String, Object> config = new java.util.HashMap<>(KAFKA.settings("positioner").consumerConfig(group, 500));
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(Topics.NODES.name(), Topics.CERTIFICATES.name(), Topics.DECISIONS.name())) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
      }
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets = new java.util.HashMap<>();
      consumer.endOffsets(partitions).forEach((tp, end) -> offsets.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(end)));
      consumer.commitSync(offsets);
    }
    return group;
  }

  AuditConfig config(String jdbcUrl, String group) {
    // The issuer is never contacted here: ingest needs no tokens.
    return AuditConfig.builder(dataDir, jdbcUrl, KAFKA.settings("audit-under-test"),
            CognitoConfig.of("http://127.0.0.1:9/pool", Set.of("test-client")))
        .consumerGroup(group)
        .batchSize(40)
        .checkpointInterval(Duration.ofMillis(300))
        // an origin of its own: the checkpoints topic is shared by the tests of this class
        .log(new LogSettings("test/" + group, "test/" + group, LogSettings.defaultKeyFile(dataDir), true))
        .build();
  }

  AuditService startService(AuditConfig config) {
    AuditService service = Await.result(AuditService.start(vertx, config));
    services.add(service);
    return service;
  }

  static List<String> publish(List<CloudEvent<?>> events) {
    List<Future<Void>> sends = events.stream().map(publisher::publish).toList();
    sends.forEach(Await::result);
    return events.stream().map(CloudEvent::id).toList();
  }

  static List<StoredRecord> all(AuditStore store) {
    List<StoredRecord> records = new ArrayList<>();
    store.export(AuditQuery.all(1000), records::add);
    return records;
  }

  @Test
  void aCrashBetweenTheDatabaseCommitAndTheOffsetCommitNeitherRepeatsNorLosesAnEventOnSqlite() {
    crashAndRestart("jdbc:sqlite:" + dataDir.resolve("audit").resolve("audit.db"), groupAtEnd("crash-sqlite"));
  }

  @Test
  void aCrashBetweenTheDatabaseCommitAndTheOffsetCommitNeitherRepeatsNorLosesAnEventOnPostgres() {
    postgres.reset();
    crashAndRestart(postgres.url(), groupAtEnd("crash-postgres"));
  }

  private void crashAndRestart(String jdbcUrl, String group) {
    List<String> published = new ArrayList<>(publish(TestEvents.mixed(300)));

    // First life: batches are stored, then the third batch "crashes" after its database commit and before
    // Kafka hears about it, and the process goes away.
    JdbcAuditStore firstStore = JdbcAuditStore.open(jdbcUrl);
    firstStore.migrate();
    WorkerExecutor firstWorkers = vertx.createSharedWorkerExecutor("first-life", 2);
    TrailIngest ingest = new TrailIngest(new TrailWriter(firstStore, java.time.Clock.systemUTC()), firstWorkers, CODEC, group);
    AtomicInteger batches = new AtomicInteger();
    EventConsumer crashing = Await.result(EventConsumer.start(vertx, KAFKA.settings("first-life"),
        ConsumerSpec.group(group, Topics.NODES, Topics.CERTIFICATES, Topics.DECISIONS).withMaxPollRecords(40)
            .withRetryBackoff(Duration.ofSeconds(30)),
        batch -> ingest.handle(batch).compose(v -> batches.incrementAndGet() >= 3
            ? Future.failedFuture("crash after the database commit") : Future.succeededFuture())));
    Await.until("a batch stored but never committed", () -> crashing.failedBatches() > 0);
    Await.result(crashing.close());
    Await.result(firstWorkers.close());
    firstStore.close();
    long storedBeforeCrash = ingest.stored();
    assertTrue(storedBeforeCrash >= 3, "the first life stored batches");
    assertTrue(storedBeforeCrash < 300, "the first life did not store everything");

    // Meanwhile more events arrive; the second life must pick up exactly where the committed offsets are.
    published.addAll(publish(TestEvents.mixed(100)));
    AuditService service = startService(config(jdbcUrl, group));
    Await.until("all 400 events stored", () -> service.store().treeSize() >= 400);
    Await.result(service.awaitCaughtUp());

    List<StoredRecord> stored = all(service.store());
    List<String> storedIds = stored.stream().map(r -> r.columns().eventId()).toList();
    assertEquals(400, stored.size(), "every event exactly once");
    assertEquals(new HashSet<>(published), new HashSet<>(storedIds));
    assertTrue(service.ingest().duplicates() > 0, "the uncommitted batch was redelivered and recognised");
    for (int i = 0; i < stored.size(); i++) {
      assertEquals(i + 1, stored.get(i).sequence());
    }
    VerificationReport report = verify(service);
    assertNull(report.finding(), () -> report.finding().detail());
  }

  @Test
  void aMalformedRecordGoesToTheDeadLetterTopicIsCountedAndIngestContinues() throws Exception {
    AuditService service = startService(config("jdbc:sqlite:" + dataDir.resolve("dlq.db"), groupAtEnd("dlq-" + UUID.randomUUID())));
    String poisonKey = "poison-" + UUID.randomUUID();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.copyOf(KAFKA.settings("raw").producerConfig()))) {
      producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), poisonKey, "{\"not\":\"a cloudevent\"}".getBytes())).get();
    }
    List<String> valid = publish(TestEvents.mixed(20));

    Await.until("valid events after the poison record are stored", () -> {
      Set<String> ids = new HashSet<>();
      all(service.store()).forEach(r -> ids.add(r.columns().eventId()));
      return ids.containsAll(valid);
    });
    Await.until("the poison record is counted", () -> service.deadLettered() >= 1);

    JsonObject health = Await.result(vertx.createHttpClient()
        .request(HttpMethod.GET, service.port(), "127.0.0.1", "/health/ready")
        .compose(r -> r.send()).compose(r -> r.body())).toJsonObject();
    assertEquals("UP", health.getString("status"));
    assertEquals("audit", health.getString("service"));
    assertTrue(health.getJsonObject("checks").getJsonObject("ingest").getLong("deadLettered") >= 1, health.encode());

    assertTrue(deadLetterKeys().contains(poisonKey), "the poison record is on the dead-letter topic");
    Await.until("a marker for it in the log", () -> all(service.store()).stream()
        .anyMatch(r -> r.columns().type().equals("io.nodeward.audit.event-rejected.v1") && "INVALID".equals(r.columns().reason())));
    assertTrue(health.getJsonObject("checks").containsKey("log"), health.encode());
  }

  static VerificationReport verify(AuditService service) {
    return service.store().scan(contents -> LogVerifier.create(service.signer().verifierKey(),
        service.config().log().origin(), CODEC).verify(contents, null));
  }

  @Test
  void checkpointsAreSignedNotesStoredAndPublishedAndAFinalOneOnShutdown() throws Exception {
    String url = "jdbc:sqlite:" + dataDir.resolve("cp.db");
    AuditService service = startService(config(url, groupAtEnd("cp-" + UUID.randomUUID())).toBuilder()
        .checkpointInterval(Duration.ofHours(1)).build());
    Path privateKey = LogSettings.defaultKeyFile(dataDir);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)));
    assertTrue(Files.readString(LogKeyFile.publicFile(privateKey)).startsWith("-----BEGIN PUBLIC KEY-----"));

    publish(TestEvents.mixed(30));
    Await.until("events stored", () -> service.store().treeSize() >= 30);
    var key = service.signer().verifierKey();
    String origin = service.config().log().origin();
    Await.result(service.close());
    services.remove(service);

    try (JdbcAuditStore store = JdbcAuditStore.open(url)) {
      StoredNote stored = store.newestNote().orElseThrow();
      assertEquals(30, stored.treeSize(), "one checkpoint, taken on shutdown");
      assertEquals(30, SignedNote.open(stored.note(), key).size());
      List<AuditLogCheckpoint> published = publishedCheckpoints(origin);
      assertEquals(List.of(stored.note()), published.stream().map(AuditLogCheckpoint::note).toList(),
          "the note is on the checkpoints topic");
    }
  }

  /**
   * Issue 13.14: a forged event sent first under the genuine (source, id) does not push the genuine one out: both
   * are kept, and the alarm goes up in health and in the metrics (names only, never content).
   */
  @Test
  void aForgedEventSentFirstWithTheGenuineSourceAndIdKeepsTheGenuineOneAndRaisesTheAlarm() throws Exception {
    AuditService service = startService(config("jdbc:sqlite:" + dataDir.resolve("dedupe.db"), groupAtEnd("dedupe-" + UUID.randomUUID())));
    CloudEvent<?> genuine = TestEvents.mixed(1).get(0);
    CloudEvent<?> forged = new CloudEvent<>(genuine.id(), genuine.source(), genuine.type(), genuine.time().minusSeconds(3600),
        genuine.data());
    publish(List.of(forged));
    Await.until("the forged event stored", () -> service.store().treeSize() >= 1);
    publish(List.of(genuine, forged));
    Await.until("the genuine event stored beside it", () -> service.store().treeSize() >= 2);
    Await.result(service.awaitCaughtUp());
    assertEquals(2, service.store().treeSize(), "the forged one's redelivery is a duplicate");
    List<StoredRecord> stored = all(service.store());
    assertEquals(genuine.time(), stored.get(1).columns().time(), "the genuine event is in the log");
    assertEquals(forged.time(), stored.get(0).columns().time());

    var http = vertx.createHttpClient();
    var ready = Await.result(http.request(HttpMethod.GET, service.port(), "127.0.0.1", "/health/ready")
        .compose(r -> r.send()).compose(r -> r.body().map(body -> body.toJsonObject())));
    assertEquals("DOWN", ready.getJsonObject("checks").getJsonObject("dedupe").getString("status"), ready.encode());
    String metrics = Await.result(http.request(HttpMethod.GET, service.port(), "127.0.0.1", "/metrics")
        .compose(r -> r.send()).compose(r -> r.body().map(Object::toString)));
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("nodeward_audit_dedupe_conflicts_total") && l.endsWith(" 1.0")), metrics);
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("nodeward_audit_ingested_total") && l.endsWith(" 2.0")), metrics);
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("nodeward_audit_head_sequence") && l.endsWith(" 2.0")), metrics);
    assertTrue(metrics.contains("nodeward_audit_checkpoint_age_seconds"), metrics);
  }

  @Test
  void whileRecordsArriveANoteIsSignedAtLeastEverySecond() {
    String url = "jdbc:sqlite:" + dataDir.resolve("often.db");
    AuditService service = startService(config(url, groupAtEnd("often-" + UUID.randomUUID())).toBuilder()
        .checkpointInterval(Duration.ofSeconds(1)).build());
    publish(TestEvents.mixed(10));
    Await.until("a note at 10", () -> service.store().newestNote().map(n -> n.treeSize() >= 10).orElse(false));
    publish(TestEvents.mixed(10));
    Await.until("a note at 20 without a shutdown", () -> service.store().newestNote().map(n -> n.treeSize() >= 20).orElse(false));
  }

  @Test
  void deletingTheNewestRecordsBehindTheServicesBackIsCaughtAtStartAndNothingIsSignedOverIt() throws Exception {
    String url = "jdbc:sqlite:" + dataDir.resolve("truncated.db");
    String group = groupAtEnd("truncated-" + UUID.randomUUID());
    AuditService first = startService(config(url, group));
    publish(TestEvents.mixed(20));
    Await.until("20 stored", () -> first.store().treeSize() >= 20);
    // A consistent older copy of the database: what an attacker restores to make records 21.. vanish.
    Path older = dataDir.resolve("older.db");
    try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
      s.execute("VACUUM INTO '" + older + "'");
    }
    publish(TestEvents.mixed(10));
    Await.until("30 stored", () -> first.store().treeSize() >= 30);
    Await.result(first.close());
    services.remove(first);
    Files.delete(Path.of(url.substring("jdbc:sqlite:".length())));
    Files.copy(older, Path.of(url.substring("jdbc:sqlite:".length())));

    AuditService second = startService(config(url, group));
    assertEquals(LogIntegrity.State.TAMPERED, second.integrity().status().state());
    assertEquals(21, second.integrity().status().finding().sequence());
    var response = Await.result(vertx.createHttpClient()
        .request(HttpMethod.GET, second.port(), "127.0.0.1", "/health/ready")
        .compose(r -> r.send()).compose(r -> r.body().map(body -> Map.entry(r.statusCode(), body.toJsonObject()))));
    assertEquals(503, response.getKey());
    JsonObject log = response.getValue().getJsonObject("checks").getJsonObject("log");
    assertEquals("TAMPERED", log.getString("state"), response.getValue().encode());
    assertEquals("DOWN", log.getString("status"));
    assertEquals("DELETED", log.getJsonObject("firstProblem").getString("kind"));

    // It takes nothing in and signs nothing over the cut history.
    publish(TestEvents.mixed(3));
    long noteBefore = second.store().newestNote().map(StoredNote::treeSize).orElse(0L);
    Await.result(second.close());
    services.remove(second);
    try (JdbcAuditStore store = JdbcAuditStore.open(url)) {
      assertEquals(20, store.treeSize());
      assertEquals(noteBefore, store.newestNote().map(StoredNote::treeSize).orElse(0L));
    }
  }

  @Test
  void retentionDropsBodiesWhileRunningAndTheLogStillVerifiesFromItsHashes() {
    String url = "jdbc:sqlite:" + dataDir.resolve("retention.db");
    // Checkpoints every 100 ms, pruner every second, anything signed more than 1 ms ago may lose its body.
    AuditService service = startService(config(url, groupAtEnd("retention-" + UUID.randomUUID()))
        .toBuilder().checkpointInterval(Duration.ofMillis(100)).retention(Duration.ofMillis(1)).build());
    publish(TestEvents.mixed(25));
    AuditStore store = service.store();
    Await.until("all 25 stored", () -> store.treeSize() >= 25);
    Await.until("a note at 25", () -> store.newestNote().map(n -> n.treeSize() == 25).orElse(false));
    Await.until("the pruner removed the signed bodies", () -> all(store).isEmpty());

    publish(TestEvents.mixed(5));
    Await.until("ingest continues after the prune", () -> store.treeSize() >= 30);
    VerificationReport report = verify(service);
    assertNull(report.finding(), () -> report.finding().detail());
    assertTrue(report.prunedLeaves() >= 25, "the pruned leaves are checked through their kept hashes");
  }

  private static List<String> deadLetterKeys() {
    List<String> keys = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : readAll(Topics.DEAD_LETTER.name())) {
      keys.add(r.key());
    }
    return keys;
  }

  private static List<AuditLogCheckpoint> publishedCheckpoints(String origin) throws Exception {
    List<AuditLogCheckpoint> checkpoints = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : readAll(Topics.AUDIT_CHECKPOINTS.name())) {
      if (CODEC.decode(r.value()).data() instanceof AuditLogCheckpoint c && c.origin().equals(origin)) {
        checkpoints.add(c);
      }
    }
    return checkpoints;
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Map<String, Object> config = new java.util.HashMap<>(KAFKA.settings("reader").consumerConfig(null, 500));
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
