package io.nodeward.audit.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.independent.IndependentVerifier;
import io.nodeward.audit.testing.TestApi;
import io.nodeward.audit.testing.TestLog;
import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.store.JdbcAuditStore;
import io.vertx.core.WorkerExecutor;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.identity.DevUsers;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API over a real SQLite trail, with tokens from the real dev identity provider. */
class AuditApiTest {

  @TempDir
  static Path dir;
  static Vertx vertx;
  static DevIdentityProvider idp;
  static CognitoTokenVerifier verifier;
  static JdbcAuditStore store;
  static WorkerExecutor workers;
  static HttpServer server;
  static WebClient client;
  static String auditor;
  static String admin;
  static String alice;
  static String bob;
  static String aliceId;
  static String bobId;
  static String dbUrl;
  static final Ed25519KeySigner KEY = Ed25519KeySigner.generate(TestLog.ORIGIN);
  static final int EVENTS = 300;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dir.resolve("idp"))));
    String clientId = idp.clientIds().get(0);
    verifier = CognitoTokenVerifier.create(vertx, CognitoConfig.of(idp.issuer(), Set.of(clientId)));
    auditor = token(DevUsers.AUDITOR, clientId);
    admin = token(DevUsers.ADMIN, clientId);
    alice = token(DevUsers.ALICE, clientId);
    bob = token(DevUsers.BOB, clientId);
    aliceId = Await.result(verifier.verify(alice)).userId();
    bobId = Await.result(verifier.verify(bob)).userId();

    dbUrl = "jdbc:sqlite:" + dir.resolve("audit.db");
    store = JdbcAuditStore.open(dbUrl);
    store.migrate();
    TrailWriter writer = new TrailWriter(store, Clock.systemUTC());
    EventCodec codec = new EventCodec();
    List<CloudEvent<?>> events = TestEvents.mixed(EVENTS, aliceId, bobId);
    // A source a spreadsheet would run as a formula: the CSV export must defuse it.
    events.set(0, new CloudEvent<>(events.get(0).id(), "=HYPERLINK(\"http://evil\")", events.get(0).type(),
        events.get(0).time(), events.get(0).data()));
    writer.append(events.stream().map(e -> IncomingEvent.of(codec, e, "t", 0, 0L)).toList());
    writer.checkpoint(KEY, TestLog.ORIGIN);

    workers = vertx.createSharedWorkerExecutor("audit-api-test", 2);
    var router = AuditApi.router(vertx, TestApi.useCases(store, workers, KEY), CognitoAuthHandler.create(verifier),
        new CursorCodec(new byte[32]),
        Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    client.close();
    Await.result(server.close());
    Await.result(workers.close());
    store.close();
    Await.result(verifier.close());
    Await.result(idp.close());
    Await.result(vertx.close());
  }

  static String token(DevUsers.Credentials user, String clientId) {
    return Await.result(idp.tokens().signIn(user.username(), user.password(), clientId)).accessToken();
  }

  static HttpResponse<Buffer> get(String token, String pathAndQuery) {
    HttpRequest<Buffer> request = client.get(server.actualPort(), "127.0.0.1", pathAndQuery);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(request.send());
  }

  /** Follows nextCursor to the end; returns every item. */
  static List<JsonObject> allPages(String token, String query) {
    List<JsonObject> items = new ArrayList<>();
    String cursor = null;
    do {
      String url = "/v1/audit/events?limit=40" + query + (cursor == null ? "" : "&cursor=" + cursor);
      HttpResponse<Buffer> response = get(token, url);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      JsonObject body = response.bodyAsJsonObject();
      body.getJsonArray("items").forEach(i -> items.add((JsonObject) i));
      cursor = body.getString("nextCursor");
    } while (cursor != null);
    return items;
  }

  @Test
  void anAuditorPagesThroughEveryRecordNewestFirstWithoutGapsOrRepeats() {
    List<JsonObject> items = allPages(auditor, "");
    assertEquals(EVENTS, items.size());
    for (int i = 0; i < items.size(); i++) {
      assertEquals(EVENTS - i, items.get(i).getLong("sequence"));
    }
    JsonObject first = items.get(items.size() - 1);
    assertEquals("2026-11-20T00:00:00Z", first.getString("time"));
    assertNotNull(first.getJsonObject("event").getJsonObject("data"));
    assertEquals(0, first.getLong("leafIndex"));
    assertEquals(44, first.getString("leafHash").length());
  }

  @Test
  void oneRecordBySequenceIsTheListsRecordAndAnOwnerGetsOnlyTheirOwn() {
    JsonObject listed = get(auditor, "/v1/audit/events?userId=" + bobId + "&limit=1").bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0);
    long sequence = listed.getLong("sequence");
    HttpResponse<Buffer> one = get(auditor, "/v1/audit/events/" + sequence);
    assertEquals(200, one.statusCode(), one.bodyAsString());
    assertEquals(listed, one.bodyAsJsonObject(), "the same record, hashes and stored event included");
    assertEquals(200, get(bob, "/v1/audit/events/" + sequence).statusCode(), "bob's own record");

    HttpResponse<Buffer> others = get(alice, "/v1/audit/events/" + sequence);
    HttpResponse<Buffer> none = get(alice, "/v1/audit/events/" + (EVENTS + 1000));
    assertEquals(404, others.statusCode(), "someone else's record is not found for an owner");
    assertEquals("RECORD_NOT_FOUND", others.bodyAsJsonObject().getString("code"));
    assertEquals("application/problem+json", others.getHeader("Content-Type"));
    assertEquals(none.bodyAsJsonObject().getString("detail"), others.bodyAsJsonObject().getString("detail"),
        "the same answer as for no record");
    for (String notASequence : List.of("0", "-1", "abc", "9223372036854775807")) {
      assertEquals(404, get(auditor, "/v1/audit/events/" + notASequence).statusCode(), notASequence);
    }
  }

  @Test
  void anAdminSeesEveryoneToo() {
    JsonObject body = get(admin, "/v1/audit/events?userId=" + bobId + "&limit=5").bodyAsJsonObject();
    assertEquals(5, body.getJsonArray("items").size());
  }

  @Test
  void aNodeOwnerSeesOnlyRecordsAboutThemselves() {
    List<JsonObject> items = allPages(alice, "");
    assertEquals(EVENTS / 2, items.size());
    assertTrue(items.stream().allMatch(i -> aliceId.equals(i.getString("userId"))));
    assertEquals(EVENTS / 2, allPages(alice, "&userId=" + aliceId).size());
  }

  @Test
  void aNodeOwnerAskingForSomeoneElsesRecordsIsRefused() {
    HttpResponse<Buffer> response = get(alice, "/v1/audit/events?userId=" + bobId);
    assertEquals(403, response.statusCode());
    assertEquals("NOT_YOUR_RECORDS", response.bodyAsJsonObject().getString("code"));
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
  }

  @ParameterizedTest
  @CsvSource({"/v1/audit/events", "/v1/audit/events/1", "/v1/audit/summary?groupBy=node", "/v1/audit/export", "/v1/audit/verify",
      "/v1/audit/log/checkpoint", "/v1/audit/log/key", "/v1/audit/log/proof/inclusion?sequence=1",
      "/v1/audit/log/proof/consistency?from=1", "/v1/audit/log/export"})
  void everyAuditRouteRefusesARequestWithoutAToken(String path) {
    HttpResponse<Buffer> response = get(null, path);
    assertEquals(401, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
  }

  @Test
  void aForgedTokenIsRefused() {
    String[] parts = auditor.split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    assertEquals(401, get(forged, "/v1/audit/events").statusCode());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "type=io.nodeward.nope.v1|INVALID_TYPE",
      "nodeId=NODE_A|INVALID_NODE_ID",
      "serial=xyz|INVALID_SERIAL",
      "effect=maybe|INVALID_EFFECT",
      "reason=because|INVALID_REASON",
      "from=yesterday|INVALID_TIME",
      "from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z|INVALID_RANGE",
      "limit=0|INVALID_LIMIT",
      "limit=5000|INVALID_LIMIT",
      "cursor=eyJzIjo1MH0.AAAAAAAAAAAAAAAAAAAAAA|INVALID_CURSOR",
      "colour=red|UNKNOWN_PARAMETER"
  })
  void badFiltersAre400ProblemsWithAStableCode(String query, String code) {
    HttpResponse<Buffer> response = get(auditor, "/v1/audit/events?" + query);
    assertEquals(400, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals(code, response.bodyAsJsonObject().getString("code"));
    assertFalse(response.bodyAsString().contains("Exception"));
  }

  @Test
  void filtersCombineOnTheServer() {
    List<JsonObject> denies = allPages(auditor, "&type=io.nodeward.access.decided.v1&effect=DENY&nodeId=node-b");
    assertFalse(denies.isEmpty());
    assertTrue(denies.stream().allMatch(i -> "DENY".equals(i.getString("effect")) && "node-b".equals(i.getString("nodeId"))));
    List<JsonObject> window = allPages(auditor, "&from=2026-11-20T01:00:00Z&to=2026-11-20T02:00:00Z");
    assertEquals(60, window.size());
  }

  @Test
  void theSummaryCountsPerHourAndGroup() {
    JsonObject body = get(auditor, "/v1/audit/summary?groupBy=user&bucket=hour&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z")
        .bodyAsJsonObject();
    JsonArray rows = body.getJsonArray("rows");
    assertEquals(10, rows.size(), rows.encode()); // 5 hours x 2 users
    assertEquals(EVENTS, rows.stream().mapToLong(r -> ((JsonObject) r).getLong("count")).sum());
    JsonObject firstHour = rows.getJsonObject(0);
    assertEquals("2026-11-20T00:00:00Z", firstHour.getString("bucket"));
    assertEquals(30, firstHour.getLong("count"));

    JsonObject own = get(bob, "/v1/audit/summary?groupBy=user&bucket=day&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z")
        .bodyAsJsonObject();
    assertEquals(1, own.getJsonArray("rows").size());
    assertEquals(bobId, own.getJsonArray("rows").getJsonObject(0).getString("key"));

    assertEquals("MISSING_GROUP_BY", get(auditor, "/v1/audit/summary").bodyAsJsonObject().getString("code"));
  }

  @Test
  void theExportStreamsNdjsonThatReverifiesOffline() {
    HttpResponse<Buffer> response = get(auditor, "/v1/audit/export?format=ndjson&nodeId=node-a");
    assertEquals(200, response.statusCode());
    assertEquals("application/x-ndjson", response.getHeader("Content-Type"));
    assertEquals("chunked", response.getHeader("Transfer-Encoding"));
    String[] lines = response.bodyAsString().split("\n");
    assertEquals(EVENTS / 2, lines.length);
    Set<Long> sequences = new HashSet<>();
    for (String line : lines) {
      JsonObject json = new JsonObject(line);
      sequences.add(json.getLong("sequence"));
      assertEquals("node-a", json.getJsonObject("event").getJsonObject("data").getString("nodeId"));
    }
    assertEquals(EVENTS / 2, sequences.size());
  }

  @Test
  void theCsvExportIsQuotedAndDefusedAgainstFormulas() {
    HttpResponse<Buffer> response = get(auditor, "/v1/audit/export?format=csv");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/csv"));
    String body = response.bodyAsString();
    String[] rows = body.split("\r\n");
    assertEquals(EVENTS + 1, rows.length);
    assertTrue(rows[0].startsWith("sequence,time,type,event_id,source"));
    assertTrue(rows[1].contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","), rows[1]);
    assertEquals("INVALID_FORMAT", get(auditor, "/v1/audit/export?format=xlsx").bodyAsJsonObject().getString("code"));
  }

  @Test
  void anOwnersExportHoldsOnlyTheirRecords() {
    String body = get(bob, "/v1/audit/export?format=ndjson").bodyAsString();
    String[] lines = body.split("\n");
    assertEquals(EVENTS / 2, lines.length);
    for (String line : lines) {
      assertTrue(line.contains(bobId));
      assertFalse(line.contains(aliceId));
    }
  }

  @Test
  void verificationIsForAuditorsAndAdminsOnly() {
    HttpResponse<Buffer> ok = get(auditor, "/v1/audit/verify");
    assertEquals(200, ok.statusCode());
    JsonObject report = ok.bodyAsJsonObject();
    assertTrue(report.getBoolean("intact"), report.encode());
    assertEquals("INTACT", report.getString("status"));
    assertEquals(EVENTS, report.getLong("recordsChecked"));
    assertEquals(EVENTS, report.getLong("treeSize"));
    assertNull(report.getJsonObject("firstProblem"));
    assertEquals(200, get(admin, "/v1/audit/verify").statusCode());

    HttpResponse<Buffer> owner = get(alice, "/v1/audit/verify");
    assertEquals(403, owner.statusCode());
    assertEquals("AUDITOR_ONLY", owner.bodyAsJsonObject().getString("code"));
  }

  @Test
  void verificationNamesTheFirstTamperedRecord() throws Exception {
    try (JdbcAuditStore copy = copyOfTrail()) {
      // The route reads the shared store, so tamper with a copy served by its own router.
      try (Connection c = DriverManager.getConnection(copyUrl); Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE audit_event SET data = replace(data, 'node-b', 'node-z') WHERE sequence = 42");
      }
      var router = AuditApi.router(vertx, TestApi.useCases(copy, workers, KEY), CognitoAuthHandler.create(verifier),
          new CursorCodec(new byte[32]),
          Clock.systemUTC());
      HttpServer copyServer = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
      try {
        JsonObject report = Await.result(client.get(copyServer.actualPort(), "127.0.0.1", "/v1/audit/verify")
            .putHeader("Authorization", "Bearer " + auditor).send()).bodyAsJsonObject();
        assertFalse(report.getBoolean("intact"));
        assertEquals(42, report.getJsonObject("firstProblem").getLong("sequence"));
        assertEquals("ALTERED", report.getJsonObject("firstProblem").getString("kind"));
      } finally {
        Await.result(copyServer.close());
      }
    }
  }

  @Test
  void anOwnersRecordItsInclusionProofAndTheCheckpointVerifyWithAVerifierSharingNoCodeWithTheService() throws Exception {
    JsonObject record = get(alice, "/v1/audit/events?limit=1").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    HttpResponse<Buffer> note = get(alice, "/v1/audit/log/checkpoint");
    assertEquals(200, note.statusCode());
    assertTrue(note.getHeader("Content-Type").startsWith("text/plain"));
    String key = get(alice, "/v1/audit/log/key").bodyAsString();
    IndependentVerifier verifier = new IndependentVerifier(key);
    IndependentVerifier.Head head = verifier.open(note.bodyAsString());
    assertEquals(EVENTS, head.size());

    JsonObject proof = get(alice, "/v1/audit/log/proof/inclusion?eventId=" + record.getString("eventId") + "&treeSize=" + head.size())
        .bodyAsJsonObject();
    byte[] leaf = IndependentVerifier.leafHash(IndependentVerifier.canonical(record.getJsonObject("event").encode()));
    IndependentVerifier.checkInclusion(proof.getLong("leafIndex"), proof.getLong("treeSize"), leaf,
        IndependentVerifier.hashes(proof.getJsonArray("hashes")), head.root());
    assertEquals(record.getLong("sequence") - 1, proof.getLong("leafIndex"));

    String pem = get(alice, "/v1/audit/log/key?format=pem").bodyAsString();
    assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
  }

  @Test
  void anOwnerGetsNoProofForSomeoneElsesRecordAndTheAnswerIsTheSameAsForNoRecord() {
    JsonObject bobs = get(bob, "/v1/audit/events?limit=1").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    HttpResponse<Buffer> other = get(alice, "/v1/audit/log/proof/inclusion?eventId=" + bobs.getString("eventId"));
    HttpResponse<Buffer> none = get(alice, "/v1/audit/log/proof/inclusion?eventId=no-such-event");
    assertEquals(404, other.statusCode());
    assertEquals("RECORD_NOT_FOUND", other.bodyAsJsonObject().getString("code"));
    assertEquals(none.bodyAsJsonObject().getString("detail"), other.bodyAsJsonObject().getString("detail"));
    assertEquals(404, get(alice, "/v1/audit/log/proof/inclusion?sequence=" + bobs.getLong("sequence")).statusCode());
    assertEquals(200, get(auditor, "/v1/audit/log/proof/inclusion?sequence=" + bobs.getLong("sequence")).statusCode());
  }

  @Test
  void aConsistencyProofBetweenTwoSizesVerifiesIndependently() throws Exception {
    JsonObject proof = get(bob, "/v1/audit/log/proof/consistency?from=1&to=" + EVENTS).bodyAsJsonObject();
    assertEquals(1, proof.getLong("from"));
    assertEquals(EVENTS, proof.getLong("to"));
    assertFalse(proof.getJsonArray("hashes").isEmpty());
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "/v1/audit/log/proof/inclusion?sequence=1&treeSize=999999|400|TREE_SIZE_TOO_LARGE",
      "/v1/audit/log/proof/inclusion?sequence=300&treeSize=200|400|LEAF_NOT_IN_TREE",
      "/v1/audit/log/proof/inclusion?treeSize=5|400|INVALID_LEAF_SELECTOR",
      "/v1/audit/log/proof/inclusion?sequence=1&eventId=x|400|INVALID_LEAF_SELECTOR",
      "/v1/audit/log/proof/inclusion?sequence=-1|400|INVALID_SEQUENCE",
      "/v1/audit/log/proof/inclusion?sequence=0|400|INVALID_SEQUENCE",
      "/v1/audit/log/proof/inclusion?sequence=1&treeSize=ten|400|INVALID_TREE_SIZE",
      "/v1/audit/log/proof/consistency?from=20&to=10|400|FROM_AFTER_TO",
      "/v1/audit/log/proof/consistency?from=1&to=999999|400|TREE_SIZE_TOO_LARGE",
      "/v1/audit/log/proof/consistency?to=10|400|INVALID_TREE_SIZE",
      "/v1/audit/log/proof/consistency?from=1&colour=red|400|UNKNOWN_PARAMETER",
      "/v1/audit/log/checkpoint?treeSize=17|404|NO_CHECKPOINT_AT_SIZE",
      "/v1/audit/log/key?format=der|400|INVALID_FORMAT",
      "/v1/audit/log/export?treeSize=17|404|NO_CHECKPOINT_AT_SIZE"
  })
  void impossibleLogRequestsAreProblemsWithAStableCode(String path, int status, String code) {
    HttpResponse<Buffer> response = get(auditor, path);
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals(code, response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void theWholeLogExportVerifiesWithNoServerAndIsForAuditorsOnly() throws Exception {
    HttpResponse<Buffer> response = get(auditor, "/v1/audit/log/export");
    assertEquals(200, response.statusCode());
    String[] lines = response.bodyAsString().split("\n");
    assertEquals(EVENTS + 1, lines.length);
    JsonObject header = new JsonObject(lines[0]);
    assertEquals("nodeward-audit-log/v1", header.getString("format"));
    IndependentVerifier.Head head = new IndependentVerifier(KEY.verifierKey().toString()).open(header.getString("checkpoint"));
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      JsonObject line = new JsonObject(lines[i]);
      assertEquals(i - 1, line.getLong("leafIndex"));
      byte[] leaf = IndependentVerifier.leafHash(IndependentVerifier.canonical(line.getJsonObject("event").encode()));
      assertEquals(line.getString("leafHash"), java.util.Base64.getEncoder().encodeToString(leaf));
      leaves.add(leaf);
    }
    assertArrayEquals(head.root(), IndependentVerifier.root(leaves));
    assertEquals(403, get(alice, "/v1/audit/log/export").statusCode());
  }

  static String copyUrl;

  static JdbcAuditStore copyOfTrail() throws Exception {
    Path copy = dir.resolve("copy-" + System.nanoTime() + ".db");
    try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement()) {
      s.execute("VACUUM INTO '" + copy + "'");
    }
    copyUrl = "jdbc:sqlite:" + copy;
    return JdbcAuditStore.open(copyUrl);
  }

  @SuppressWarnings("unused")
  private static Principal whoIs(String token) {
    return Await.result(verifier.verify(token));
  }
}
