package io.nodeward.audit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.AuditService;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.audit.config.LogSettings;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.store.JdbcAuditStore;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.identity.DevUsers;
import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13.2: exports that never read must not stop the audit service. Four clients open exports and never read
 * a byte; ingest still appends a batch and signs a checkpoint over it, queries answer, and the fifth export is
 * refused with 429 (as is a third one of the same caller). A client that stops reading is cut off after the stall
 * timeout, and an idle connection is closed.
 */
class SlowReaderIsolationTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  /** Enough rows that an export fills every socket buffer between server and client many times over. */
  private static final int PREFILLED = 30_000;
  static Vertx vertx;
  static EventPublisher publisher;
  static DevIdentityProvider idp;
  static String clientId;

  @TempDir
  static Path idpDir;
  @TempDir
  Path dataDir;
  final List<AuditService> services = new ArrayList<>();
  final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    publisher = EventPublisher.create(vertx, KAFKA.settings("slow-reader-producer"), "/nodeward/test");
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(idpDir.resolve("idp"))));
    clientId = idp.clientIds().get(0);
  }

  @AfterAll
  static void stop() {
    Await.result(publisher.close());
    Await.result(vertx.close());
  }

  @AfterEach
  void close() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    services.forEach(s -> Await.result(s.close()));
  }

  private AuditService start(AuditConfig.Exports exports) {
    String url = "jdbc:sqlite:" + dataDir.resolve("audit.db");
    try (JdbcAuditStore store = JdbcAuditStore.open(url)) {
      store.migrate();
      EventCodec codec = new EventCodec();
      new TrailWriter(store, Clock.systemUTC()).append(TestEvents.mixed(PREFILLED).stream()
          .map(e -> IncomingEvent.of(codec, e, "t", 0, 0L)).toList());
    }
    String group = groupAtEnd("slow-reader-" + UUID.randomUUID());
    AuditConfig config = AuditConfig.builder(dataDir, url, KAFKA.settings("audit-slow-reader"),
            CognitoConfig.of(idp.issuer(), Set.of(clientId)))
        .consumerGroup(group)
        .batchSize(100)
        .checkpointInterval(Duration.ofMillis(300))
        .log(new LogSettings("test/" + group, "test/" + group, LogSettings.defaultKeyFile(dataDir), true))
        .exports(exports)
        .build();
    AuditService service = Await.result(AuditService.start(vertx, config));
    services.add(service);
    return service;
  }

  @Test
  void fourExportsThatNeverReadLeaveIngestCheckpointsAndQueriesRunningAndTheFifthIsRefused() throws Exception {
    AuditService service = start(new AuditConfig.Exports(4, 2, Duration.ofMinutes(10), Duration.ofMinutes(10)));
    String auditor = token(DevUsers.AUDITOR);
    String admin = token(DevUsers.ADMIN);
    Await.until("a first checkpoint (the log export ends at one)", () -> service.checkpoints().latest() != null);

    stalledExport(service, auditor, "/v1/audit/export?format=ndjson");
    stalledExport(service, auditor, "/v1/audit/log/export");
    Await.until("two exports waiting for their client", () -> service.exports().stalled() == 2);
    HttpResponse<String> third = get(service, auditor, "/v1/audit/export?format=csv");
    assertEquals(429, third.statusCode(), third.body());
    assertEquals("TOO_MANY_EXPORTS", new JsonObject(third.body()).getString("code"));

    stalledExport(service, admin, "/v1/audit/export?format=ndjson");
    stalledExport(service, admin, "/v1/audit/export?format=csv");
    Await.until("four exports waiting for their client", () -> service.exports().stalled() == 4);

    // ingest keeps going: a whole batch is appended, and a checkpoint signed over it
    long before = service.store().treeSize();
    List<CloudEvent<?>> batch = TestEvents.mixed(100);
    Future.all(batch.stream().map(publisher::publish).toList()).toCompletionStage().toCompletableFuture().get();
    Await.until("the batch appended while four exports are stalled", () -> service.store().treeSize() >= before + 100);
    Await.until("a checkpoint over the batch", () -> service.checkpoints().latest() != null
        && service.checkpoints().latest().treeSize() >= before + 100);
    // queries answer
    HttpResponse<String> page = get(service, auditor, "/v1/audit/events?limit=5");
    assertEquals(200, page.statusCode(), page.body());
    assertEquals(5, new JsonObject(page.body()).getJsonArray("items").size());
    assertEquals(4, service.exports().stalled(), "the exports are still stalled");

    // the fifth export, from a caller with none: the service is full
    HttpResponse<String> fifth = get(service, token(DevUsers.ALICE), "/v1/audit/export?format=ndjson");
    assertEquals(429, fifth.statusCode(), fifth.body());
    JsonObject problem = new JsonObject(fifth.body());
    assertEquals("EXPORTS_BUSY", problem.getString("code"));
    assertEquals(429, problem.getInteger("status"));
    assertEquals("600", fifth.headers().firstValue("Retry-After").orElse(null));
    assertEquals(2, service.exports().refused());
  }

  @Test
  void anExportWhoseClientStopsReadingIsAbortedAndItsSlotFreedAndAnIdleConnectionIsClosed() throws Exception {
    AuditService service = start(new AuditConfig.Exports(1, 1, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    String auditor = token(DevUsers.AUDITOR);
    Socket stalled = stalledExport(service, auditor, "/v1/audit/export?format=ndjson");
    Await.until("the stalled export aborted", () -> service.exports().aborted() == 1);
    Await.until("its slot freed", () -> service.exports().active() == 0);
    // the connection was closed: reading what was buffered ends, rather than going on for the whole trail
    long received = drain(stalled);

    HttpResponse<String> next = get(service, auditor, "/v1/audit/export?format=ndjson");
    assertEquals(200, next.statusCode());
    assertEquals(PREFILLED, next.body().lines().count());
    assertTrue(received < next.body().length(), "the stalled client got " + received + " bytes, not the whole export");

    Socket idle = new Socket();
    sockets.add(idle);
    idle.connect(new InetSocketAddress("127.0.0.1", service.port()));
    assertEquals(-1, idle.getInputStream().read(), "a connection that sends nothing is closed by the server");
  }

  /** A group that starts at the current end of the topics (the broker is shared by this class's tests). */
  private static String groupAtEnd(String group) {
    java.util.Map<String, Object> config = new java.util.HashMap<>(KAFKA.settings("positioner").consumerConfig(group, 500));
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(config)) {
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      for (var topic : List.of(io.nodeward.events.Topics.NODES, io.nodeward.events.Topics.CERTIFICATES,
          io.nodeward.events.Topics.DECISIONS)) {
        consumer.partitionsFor(topic.name())
            .forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic.name(), p.partition())));
      }
      java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
          new java.util.HashMap<>();
      consumer.endOffsets(partitions)
          .forEach((tp, end) -> offsets.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(end)));
      consumer.commitSync(offsets);
    }
    return group;
  }

  private static long drain(Socket socket) {
    long total = 0;
    byte[] buffer = new byte[65_536];
    try (InputStream in = socket.getInputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (IOException reset) {
      // a reset connection ends the export as well
    }
    return total;
  }

  /** Sends an export request and never reads the answer; a tiny receive window makes the server wait at once. */
  private Socket stalledExport(AuditService service, String token, String path) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", service.port()));
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static HttpResponse<String> get(AuditService service, String token, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(DevUsers.Credentials user) {
    return Await.result(idp.tokens().signIn(user.username(), user.password(), clientId)).accessToken();
  }
}
