package io.nodeward.audit.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.app.CachedTiles;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.cli.VerifyCommand;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.ExportFormat;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.RecordColumns;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.audit.domain.Tampering;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.MerkleHash;
import io.nodeward.audit.domain.log.MerkleTree;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.TileHashes;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.testing.TestLog;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The behaviour every audit store must have; run against real PostgreSQL and a real SQLite file. */
abstract class AuditStoreContract {

  static final EventCodec CODEC = new EventCodec();
  static final Ed25519KeySigner KEY = Ed25519KeySigner.generate(TestLog.ORIGIN);

  @TempDir
  Path tmp;

  JdbcAuditStore store;
  TrailWriter writer;
  /** The clock the writer signs and stores with; tests move it. */
  Instant now = Instant.parse("2026-11-24T00:00:00Z");
  String url;

  /** A URL to an empty database for this test. */
  abstract String freshDatabaseUrl();

  abstract Connection rawConnection() throws SQLException;

  @BeforeEach
  void openStore() {
    url = freshDatabaseUrl();
    store = JdbcAuditStore.open(url);
    store.migrate();
    writer = writer(store);
  }

  TrailWriter writer(JdbcAuditStore on) {
    return new TrailWriter(on, new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    });
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static List<IncomingEvent> incoming(List<CloudEvent<?>> events) {
    return events.stream().map(e -> IncomingEvent.of(CODEC, e, "test-topic", 0, 0L)).toList();
  }

  VerificationReport verify() {
    return store.scan(contents -> LogVerifier.create(KEY.verifierKey(), TestLog.ORIGIN, CODEC).verify(contents, null));
  }

  void checkpoint(Instant at) {
    now = at;
    writer.checkpoint(KEY, TestLog.ORIGIN);
  }

  @Test
  void migrationsApplyOnceAndASecondRunChangesNothing() throws Exception {
    assertEquals(List.of(), store.migrate());
    try (JdbcAuditStore second = JdbcAuditStore.open(url)) {
      assertEquals(List.of(), second.migrate());
    }
    try (Connection c = rawConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success")) {
      rs.next();
      assertEquals(versions().size(), rs.getInt(1));
    }
  }

  /** The dialect's migration versions: its SQL files and the Java migrations shared by both. */
  private List<Integer> versions() throws java.io.IOException {
    java.util.TreeSet<Integer> versions = new java.util.TreeSet<>();
    for (Path folder : List.of(Path.of("src/main/resources/db/" + store.dialect().folder()),
        Path.of("src/main/java/io/nodeward/audit/store/migration"))) {
      try (var files = Files.list(folder)) {
        files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*"))
            .forEach(n -> versions.add(Integer.parseInt(n.substring(1, n.indexOf("__")))));
      }
    }
    return List.copyOf(versions);
  }

  @Test
  void anEditedMigrationIsNoticedByValidationAndStopsTheStart() {
    // The database was migrated with the real V1; the same version with different content must not pass.
    String edited = "classpath:db/edited/" + store.dialect().folder();
    StoreException e = assertThrows(StoreException.class, () -> store.migrations(edited).validate());
    assertTrue(e.getMessage().contains("checksum mismatch for migration version 1"), e.getMessage());
    assertThrows(StoreException.class, () -> store.migrations(edited).migrate());
    assertEquals(List.of(), store.migrate(), "the real files still validate");
  }

  @Test
  void aTrailFromTheHashChainEraIsTakenOverAndItsTreeBuiltFromItsRecords() throws Exception {
    // A database as the hand-written migrations and the chain left it: V1 only, no Flyway history.
    store.close();
    List<CloudEvent<?>> events = TestEvents.mixed(300);
    try (Connection c = rawConnection(); Statement s = c.createStatement()) {
      for (String table : List.of("flyway_schema_history", "audit_event", "audit_tile", "audit_checkpoint_note", "audit_retention",
          "audit_dedupe_conflict")) {
        s.execute("DROP TABLE " + table);
      }
      for (String sql : Files.readString(Path.of("src/main/resources/db/" + Dialect.ofJdbcUrl(url).folder()
          + "/V1__init.sql")).split(";")) {
        if (!sql.replaceAll("(?m)^--.*$", "").isBlank()) {
          s.execute(sql);
        }
      }
      s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      s.execute("INSERT INTO schema_version VALUES (1, 'init', '2026-11-20T00:00:00Z')");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_event (sequence, event_id, type, source, event_time, "
          + "data, prev_hash, hash, stored_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, 0)")) {
        for (int i = 0; i < events.size(); i++) {
          RecordColumns col = RecordColumns.of(events.get(i));
          p.setLong(1, i + 1);
          p.setString(2, col.eventId());
          p.setString(3, col.type());
          p.setString(4, col.source());
          p.setString(5, CODEC.canonical(events.get(i)));
          p.setString(6, "0".repeat(64));
          p.setString(7, "0".repeat(64));
          p.addBatch();
        }
        p.executeBatch();
      }
    }
    store = JdbcAuditStore.open(url);
    assertEquals(versions().subList(1, versions().size()), store.migrate());
    writer = writer(store);
    assertEquals(300, store.treeSize());
    assertArrayEquals(new TestLog(KEY).append(events).head().rootHash(),
        new MerkleTree(new TileHashes(new CachedTiles(store, 8).forRequest())).root(300));
    writer.append(incoming(TestEvents.mixed(3)));
    assertEquals(303, store.treeSize());
  }

  @Test
  void aBatchBecomesLeavesInOrderAndTheStoredTreeIsRfc9162s() {
    List<CloudEvent<?>> events = TestEvents.mixed(600);
    TrailWriter.AppendResult result = writer.append(incoming(events.subList(0, 300)));
    writer.append(incoming(events.subList(300, 600)));
    assertEquals(300, result.stored());
    assertEquals(600, store.treeSize());

    List<StoredRecord> stored = new ArrayList<>();
    store.export(AuditQuery.all(1000), stored::add);
    for (int i = 0; i < 600; i++) {
      StoredRecord r = stored.get(i);
      assertEquals(i + 1, r.sequence());
      assertEquals(events.get(i).id(), r.columns().eventId());
      assertEquals(CODEC.canonical(events.get(i)), r.canonicalJson());
    }
    assertArrayEquals(new TestLog(KEY).append(events).head().rootHash(),
        new MerkleTree(new TileHashes(new CachedTiles(store, 8).forRequest())).root(600));
    assertTrue(verify().intact());
  }

  @Test
  void aRedeliveredBatchIsStoredOnceAndDoesNotMoveTheTree() {
    List<IncomingEvent> first = incoming(TestEvents.mixed(20));
    writer.append(first);

    TrailWriter.AppendResult replay = writer.append(first);
    assertEquals(0, replay.stored());
    assertEquals(20, replay.duplicates());
    assertEquals(20, store.treeSize());

    // A replay overlapping new events: only the new ones are appended, after the old head.
    List<IncomingEvent> more = new ArrayList<>(first.subList(10, 20));
    List<IncomingEvent> fresh = incoming(TestEvents.mixed(5));
    more.addAll(fresh);
    more.add(fresh.get(0));
    TrailWriter.AppendResult overlap = writer.append(more);
    assertEquals(5, overlap.stored());
    assertEquals(25, store.treeSize());
    assertEquals(25, store.find(AuditQuery.all(1000)).size());
    assertTrue(verify().intact());
  }

  @Test
  void theSameIdWithOtherContentIsKeptAndRecordedAsAConflict() {
    CloudEvent<?> genuine = TestEvents.mixed(1).get(0);
    writer.append(incoming(List.of(genuine)));
    CloudEvent<?> altered = new CloudEvent<>(genuine.id(), genuine.source(), genuine.type(), genuine.time().plusSeconds(1),
        genuine.data());
    assertEquals(1, writer.append(incoming(List.of(altered))).conflicts());
    assertEquals(2, store.recordsWithId(genuine.id()).size());
    assertEquals(2, store.conflictsSince(Instant.EPOCH).get(0).sequence());
    assertTrue(verify().intact());
  }

  @Test
  void awkwardCharactersSurviveTheRoundTripByteForByte() {
    CloudEvent<?> plain = TestEvents.mixed(1).get(0);
    CloudEvent<?> odd = new CloudEvent<>(plain.id(), "/odd\tsource\\with\nbreaks\r and ünïcödé \\N", plain.type(),
        plain.time(), plain.data());
    writer.append(incoming(List.of(odd)));
    StoredRecord stored = store.find(AuditQuery.all(10)).get(0);
    assertEquals(odd.source(), stored.columns().source());
    assertEquals(CODEC.canonical(odd), stored.canonicalJson());
    VerificationReport report = verify();
    assertNull(report.finding(), () -> report.finding().detail());
  }

  @Test
  void twoWritersAppendingAtOnceNeverForkTheTree() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (JdbcAuditStore other = JdbcAuditStore.open(url)) {
      List<Callable<Void>> jobs = new ArrayList<>();
      for (TrailWriter each : List.of(writer, writer(other))) {
        jobs.add(() -> {
          for (int i = 0; i < 10; i++) {
            each.append(incoming(TestEvents.mixed(30)));
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(jobs)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(600, store.treeSize());
    checkpoint(now);
    VerificationReport report = verify();
    assertNull(report.finding(), () -> report.finding().detail());
    assertEquals(600, report.recordsChecked());
  }

  /** Ways an attacker with write access to the database might tamper, each with what the verifier must say. */
  enum Tamper {
    UPDATE_DATA(7, Tampering.ALTERED),
    UPDATE_INDEXED_COLUMN(9, Tampering.ALTERED),
    DELETE_ROW(12, Tampering.DELETED),
    INSERT_FORGED_ROW(6, Tampering.INSERTED),
    SWAP_SEQUENCES(8, Tampering.REORDERED),
    TRUNCATE_TAIL(16, Tampering.DELETED),
    FORGE_A_CHECKPOINT(20, Tampering.CHECKPOINT_INVALID);

    final long sequence;
    final Tampering kind;

    Tamper(long sequence, Tampering kind) {
      this.sequence = sequence;
      this.kind = kind;
    }
  }

  @ParameterizedTest
  @EnumSource(Tamper.class)
  void tamperingWithRawSqlIsNamedAtTheFirstBadRecordByTheVerifierAndTheCommandLine(Tamper tamper) throws Exception {
    writer.append(incoming(TestEvents.mixed(20)));
    checkpoint(Instant.parse("2026-11-24T00:00:00Z"));
    writer.append(incoming(TestEvents.mixed(10)));
    assertTrue(verify().intact());

    try (Connection c = rawConnection(); Statement s = c.createStatement()) {
      switch (tamper) {
        case UPDATE_DATA -> s.executeUpdate("UPDATE audit_event SET data = replace(data, '\"GET\"', '\"PUT\"') WHERE sequence = 7");
        case UPDATE_INDEXED_COLUMN -> s.executeUpdate("UPDATE audit_event SET user_id = 'mallory' WHERE sequence = 9");
        case DELETE_ROW -> s.executeUpdate("DELETE FROM audit_event WHERE sequence = 12");
        case INSERT_FORGED_ROW -> insertForgedRowAfter(c, 5);
        case SWAP_SEQUENCES -> {
          s.executeUpdate("UPDATE audit_event SET sequence = -1 WHERE sequence = 8");
          s.executeUpdate("UPDATE audit_event SET sequence = 8 WHERE sequence = 9");
          s.executeUpdate("UPDATE audit_event SET sequence = 9 WHERE sequence = -1");
        }
        case TRUNCATE_TAIL -> s.executeUpdate("DELETE FROM audit_event WHERE sequence > 15");
        case FORGE_A_CHECKPOINT -> {
          StoredNote genuine = store.note(20).orElseThrow();
          String forged = SignedNote.sign(new Checkpoint(TestLog.ORIGIN, 20, genuine.rootHash()),
              Ed25519KeySigner.generate(TestLog.ORIGIN));
          try (PreparedStatement p = c.prepareStatement("UPDATE audit_checkpoint_note SET note = ? WHERE tree_size = 20")) {
            p.setString(1, forged);
            p.executeUpdate();
          }
        }
      }
    }
    VerificationReport report = verify();
    assertFalse(report.intact(), "tampering went unnoticed");
    assertEquals(tamper.kind, report.finding().kind(), report.finding().detail());
    assertEquals(tamper.sequence, report.finding().sequence(), report.finding().detail());

    CommandResult cli = runCli();
    assertEquals(VerifyCommand.TAMPERED, cli.exit, cli.err);
    assertTrue(cli.out.contains("first bad sequence " + tamper.sequence + ": " + tamper.kind), cli.out);
  }

  /** Shifts records after {@code after} up by one and writes a well-formed event in the gap. */
  private void insertForgedRowAfter(Connection c, long after) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_event SET sequence = -sequence WHERE sequence > " + after);
      s.executeUpdate("UPDATE audit_event SET sequence = 1 - sequence WHERE sequence < 0");
    }
    CloudEvent<?> forged = TestEvents.decision(TestEvents.ALICE, "node-a", "abc", io.nodeward.events.DecisionReason.ALLOWED,
        TestEvents.T0.plusSeconds(1));
    String json = CODEC.canonical(forged);
    RecordColumns col = RecordColumns.of(forged);
    try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_event (sequence, event_id, type, source, event_time, "
        + "subject, user_id, node_id, serial, effect, reason, data, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
      p.setLong(1, after + 1);
      p.setString(2, col.eventId());
      p.setString(3, col.type());
      p.setString(4, col.source());
      p.setLong(5, RecordTable.micros(col.time()));
      p.setString(6, col.subject());
      p.setString(7, col.userId());
      p.setString(8, col.nodeId());
      p.setString(9, col.serial());
      p.setString(10, col.effect());
      p.setString(11, col.reason());
      p.setString(12, json);
      p.executeUpdate();
    }
  }

  @Test
  void theCommandLineSaysOkForAnIntactLogAndRefusesBadUsage() throws Exception {
    writer.append(incoming(TestEvents.mixed(12)));
    checkpoint(Instant.parse("2026-11-24T00:00:00Z"));
    CommandResult ok = runCli();
    assertEquals(VerifyCommand.INTACT, ok.exit, ok.err);
    assertTrue(ok.out.startsWith("OK: 12 records and 1 checkpoints"), ok.out);
    Path noteKey = tmp.resolve("verifier-key.txt");
    Files.writeString(noteKey, KEY.verifierKey().toString());
    assertEquals(VerifyCommand.INTACT, runCli("verify", "--jdbc-url", url, "--public-key", noteKey.toString(), "--origin",
        TestLog.ORIGIN).exit);

    assertEquals(VerifyCommand.USAGE, runCli("verify", "--jdbc-url", url).exit);
    assertEquals(VerifyCommand.USAGE, runCli("verify", "--frobnicate").exit);
    assertEquals(VerifyCommand.USAGE, runCli("verify", "--jdbc-url", "jdbc:mysql://x", "--public-key", publicKeyFile().toString()).exit);
  }

  @Test
  void retentionDropsBodiesUpToASignedSizeAndWhatRemainsStillVerifies() throws Exception {
    Instant day1 = Instant.parse("2026-01-01T00:00:00Z");
    now = day1;
    writer.append(incoming(TestEvents.mixed(10)));
    checkpoint(day1);
    writer.append(incoming(TestEvents.mixed(10)));
    checkpoint(day1.plus(Duration.ofDays(10)));
    writer.append(incoming(TestEvents.mixed(10)));
    checkpoint(day1.plus(Duration.ofDays(20)));
    writer.append(incoming(TestEvents.mixed(3)));

    // Nothing was signed before this cutoff: nothing may go.
    assertEquals(new TrailWriter.PruneResult(0, null), writer.prune(day1));

    TrailWriter.PruneResult pruned = writer.prune(day1.plus(Duration.ofDays(15)));
    assertEquals(new TrailWriter.PruneResult(20, 20L), pruned);
    assertEquals(33, store.treeSize(), "the tree keeps every leaf");

    VerificationReport report = verify();
    assertNull(report.finding(), () -> report.finding().detail());
    assertEquals(20, report.prunedLeaves());
    assertEquals(13, report.recordsChecked());

    // The log goes on after the pruned start.
    writer.append(incoming(TestEvents.mixed(4)));
    assertEquals(37, store.treeSize());
    assertTrue(verify().intact());
    assertEquals(VerifyCommand.INTACT, runCli().exit);

    // Pruning up to the newest signed size, then going on.
    writer.prune(day1.plus(Duration.ofDays(30)));
    writer.append(incoming(TestEvents.mixed(2)));
    VerificationReport after = verify();
    assertNull(after.finding(), () -> after.finding().detail());
    assertEquals(30, after.prunedLeaves());
  }

  @Test
  void deletingRecordsBeyondWhatRetentionRemovedIsStillCaught() throws Exception {
    writer.append(incoming(TestEvents.mixed(10)));
    checkpoint(Instant.parse("2026-01-01T00:00:00Z"));
    writer.append(incoming(TestEvents.mixed(10)));
    writer.prune(Instant.parse("2026-02-01T00:00:00Z"));
    try (Connection c = rawConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_event WHERE sequence <= 13");
    }
    VerificationReport report = verify();
    assertEquals(Tampering.DELETED, report.finding().kind());
    assertEquals(11, report.finding().sequence());
  }

  @Test
  void everyFilterReturnsExactlyTheMatchingRecordsNewestFirst() {
    List<CloudEvent<?>> events = TestEvents.mixed(200);
    writer.append(incoming(events));
    List<RecordColumns> all = events.stream().map(RecordColumns::of).toList();
    Instant from = TestEvents.T0.plus(Duration.ofMinutes(50));
    Instant to = TestEvents.T0.plus(Duration.ofMinutes(120));

    Map<AuditQuery, Predicate<RecordColumns>> cases = new HashMap<>();
    AuditQuery base = AuditQuery.all(1000);
    cases.put(new AuditQuery(Set.of(EventType.ACCESS_DECIDED), null, null, null, null, null, null, null, 1000, null),
        c -> c.type().equals(EventType.ACCESS_DECIDED.type()));
    cases.put(new AuditQuery(Set.of(EventType.CERTIFICATE_ISSUED, EventType.CERTIFICATE_REVOKED), null, null, null, null, null, null, null, 1000, null),
        c -> c.type().startsWith("io.nodeward.certificate."));
    cases.put(base.withUserId(TestEvents.BOB), c -> TestEvents.BOB.equals(c.userId()));
    cases.put(new AuditQuery(Set.of(), null, "node-a", null, null, null, null, null, 1000, null), c -> "node-a".equals(c.nodeId()));
    cases.put(new AuditQuery(Set.of(), null, null, "1002", null, null, null, null, 1000, null), c -> "1002".equals(c.serial()));
    cases.put(new AuditQuery(Set.of(), null, null, null, "DENY", null, null, null, 1000, null), c -> "DENY".equals(c.effect()));
    cases.put(new AuditQuery(Set.of(), null, null, null, null, "NOT_OWNER", null, null, 1000, null), c -> "NOT_OWNER".equals(c.reason()));
    cases.put(new AuditQuery(Set.of(), null, null, null, null, null, from, to, 1000, null),
        c -> !c.time().isBefore(from) && c.time().isBefore(to));
    cases.put(new AuditQuery(Set.of(EventType.ACCESS_DECIDED), TestEvents.ALICE, "node-a", null, "ALLOW", "ALLOWED", from, to, 1000, null),
        c -> c.type().equals(EventType.ACCESS_DECIDED.type()) && TestEvents.ALICE.equals(c.userId()) && "node-a".equals(c.nodeId())
            && "ALLOW".equals(c.effect()) && !c.time().isBefore(from) && c.time().isBefore(to));

    for (Map.Entry<AuditQuery, Predicate<RecordColumns>> entry : cases.entrySet()) {
      List<String> expected = new ArrayList<>(all.stream().filter(entry.getValue()).map(RecordColumns::eventId).toList());
      java.util.Collections.reverse(expected);
      List<String> actual = store.find(entry.getKey()).stream().map(r -> r.columns().eventId()).toList();
      assertFalse(expected.isEmpty(), "a filter case matches nothing: " + entry.getKey());
      assertEquals(expected, actual, "filter " + entry.getKey());
    }
  }

  @Test
  void keysetPagesCoverEveryMatchOnceWithoutGaps() {
    writer.append(incoming(TestEvents.mixed(257)));
    AuditQuery query = AuditQuery.all(25).withUserId(TestEvents.ALICE);
    List<Long> seen = new ArrayList<>();
    int pages = 0;
    while (true) {
      List<StoredRecord> page = store.find(query);
      pages++;
      boolean more = page.size() > query.limit();
      page.stream().limit(query.limit()).forEach(r -> seen.add(r.sequence()));
      if (!more) {
        break;
      }
      query = query.before(page.get(query.limit() - 1).sequence());
    }
    assertEquals(129, seen.size());
    assertEquals(6, pages);
    assertEquals(129, new HashSet<>(seen).size());
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(257 - 2L * i, seen.get(i));
    }
  }

  @Test
  void summaryCountsPerBucketAndGroupMatchTheEvents() {
    List<CloudEvent<?>> events = TestEvents.mixed(300);
    writer.append(incoming(events));
    Instant from = TestEvents.T0;
    Instant to = TestEvents.T0.plus(Duration.ofDays(1));
    List<SummaryRow> rows = store.summarize(new SummaryQuery(SummaryQuery.GroupBy.NODE, SummaryQuery.Bucket.HOUR, from, to, Set.of(), null));
    Map<String, Long> expected = events.stream().map(RecordColumns::of).collect(Collectors.groupingBy(
        c -> c.time().truncatedTo(java.time.temporal.ChronoUnit.HOURS) + "|" + c.nodeId(), Collectors.counting()));
    Map<String, Long> actual = rows.stream().collect(Collectors.toMap(r -> r.bucketStart() + "|" + r.key(), SummaryRow::count));
    assertEquals(expected, actual);

    List<SummaryRow> denies = store.summarize(new SummaryQuery(SummaryQuery.GroupBy.EFFECT, SummaryQuery.Bucket.DAY, from, to,
        Set.of(EventType.ACCESS_DECIDED), TestEvents.BOB));
    long bobDenies = events.stream().map(RecordColumns::of).filter(c -> TestEvents.BOB.equals(c.userId())
        && c.type().equals(EventType.ACCESS_DECIDED.type()) && "DENY".equals(c.effect())).count();
    assertEquals(bobDenies, denies.stream().filter(r -> "DENY".equals(r.key())).mapToLong(SummaryRow::count).sum());
    assertEquals(Instant.parse("2026-11-20T00:00:00Z"), denies.get(0).bucketStart());
  }

  @Test
  void exportStreamsEveryMatchOldestFirstAndCanStopEarly() throws Exception {
    List<CloudEvent<?>> events = TestEvents.mixed(1200);
    writer.append(incoming(events));
    AuditQuery node = new AuditQuery(Set.of(), null, "node-b", null, null, null, null, null, 1000, null);

    StringBuilder ndjson = new StringBuilder();
    long count = store.export(node, r -> ndjson.append(ExportFormat.NDJSON.line(r)) != null);
    assertEquals(600, count);
    String[] lines = ndjson.toString().split("\n");
    assertEquals(600, lines.length);
    for (int i = 0; i < lines.length; i++) {
      var json = CODEC.mapper().readTree(lines[i]);
      assertEquals(2L * i + 2, json.get("sequence").asLong());
      // The embedded event is the leaf input, so each leaf can be recomputed offline.
      assertEquals(json.get("leafHash").asText(), Base64.getEncoder().encodeToString(MerkleHash.leaf(
          io.nodeward.events.CanonicalJson.canonicalize(json.get("event").toString()).getBytes(StandardCharsets.UTF_8))));
      assertEquals(2L * i + 1, json.get("leafIndex").asLong());
    }

    List<Long> firstTen = new ArrayList<>();
    store.export(AuditQuery.all(1000), r -> {
      firstTen.add(r.sequence());
      return firstTen.size() < 10;
    });
    assertEquals(10, firstTen.size());

    StringBuilder csv = new StringBuilder(ExportFormat.CSV.header());
    store.export(node, r -> csv.append(ExportFormat.CSV.line(r)) != null);
    assertEquals(601, csv.toString().split("\r\n").length);
    assertTrue(csv.toString().startsWith("sequence,time,type,"));
  }

  record CommandResult(int exit, String out, String err) {
  }

  CommandResult runCli() throws Exception {
    return runCli("verify", "--jdbc-url", url, "--public-key", publicKeyFile().toString(), "--origin", TestLog.ORIGIN);
  }

  CommandResult runCli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The log's public key as auditors get it: a PEM file (the key name defaults to the origin). */
  Path publicKeyFile() throws Exception {
    Path file = tmp.resolve("log-key.pem.pub");
    if (!Files.exists(file)) {
      Files.writeString(file, KEY.publicKeyPem());
    }
    return file;
  }

  static void assertIntact(VerificationReport report) {
    assertNotNull(report);
    assertNull(report.finding(), () -> report.finding().detail());
  }
}
