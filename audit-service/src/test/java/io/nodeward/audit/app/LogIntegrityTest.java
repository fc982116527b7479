package io.nodeward.audit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.Tampering;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.testing.InMemoryAuditStore;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.testing.TestLog;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The start check against the published checkpoint, over a fake store and a fake publication. */
class LogIntegrityTest {

  static final Ed25519KeySigner KEY = Ed25519KeySigner.generate(TestLog.ORIGIN);
  static final EventCodec CODEC = new EventCodec();
  static Vertx vertx;
  static WorkerExecutor workers;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("integrity-test", 1);
  }

  @AfterAll
  static void stop() {
    Await.result(workers.close());
    Await.result(vertx.close());
  }

  InMemoryAuditStore store = new InMemoryAuditStore();
  TrailWriter writer = new TrailWriter(store, Clock.systemUTC());
  CheckpointingTest.FakePublication publication = new CheckpointingTest.FakePublication();

  LogIntegrity integrity(InMemoryAuditStore on) {
    return new LogIntegrity(on, workers, publication, KEY.verifierKey(), TestLog.ORIGIN,
        LogVerifier.create(KEY.verifierKey(), TestLog.ORIGIN, CODEC));
  }

  void appendAndPublish(int count) {
    writer.append(TestEvents.mixed(count).stream().map(e -> IncomingEvent.of(CODEC, e, "t", 0, 0L)).toList());
    var note = writer.checkpoint(KEY, TestLog.ORIGIN).orElseThrow();
    Await.result(publication.publish(TestLog.ORIGIN, note.treeSize(), note.rootHash(), note.note()));
  }

  @Test
  void aLogThatMatchesItsPublishedCheckpointIsConsistentAndOneWithoutIsSaidSo() {
    assertEquals(LogIntegrity.State.NO_PUBLISHED_CHECKPOINT, Await.result(integrity(store).checkAtStart()).state());
    appendAndPublish(20);
    LogIntegrity integrity = integrity(store);
    assertEquals(LogIntegrity.State.CONSISTENT, Await.result(integrity.checkAtStart()).state());
    assertFalse(integrity.tampered());
  }

  @Test
  void verificationsAskedForWhileOneRunsShareItInsteadOfTakingAWorkerEach() throws Exception {
    appendAndPublish(10);
    AtomicInteger scans = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    AuditStore blocking = (AuditStore) Proxy.newProxyInstance(AuditStore.class.getClassLoader(), new Class<?>[] {AuditStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("scan")) {
            scans.incrementAndGet();
            release.await();
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    LogIntegrity integrity = new LogIntegrity(blocking, workers, publication, KEY.verifierKey(), TestLog.ORIGIN,
        LogVerifier.create(KEY.verifierKey(), TestLog.ORIGIN, CODEC));
    var first = integrity.verify();
    var second = integrity.verify();
    Await.until("the first verification scanning", () -> scans.get() == 1);
    var third = integrity.verify();
    release.countDown();
    assertTrue(Await.result(first).intact());
    assertTrue(Await.result(second).intact());
    assertTrue(Await.result(third).intact());
    assertEquals(1, scans.get(), "one pass served the three callers");
    assertTrue(Await.result(integrity.verify()).intact());
    assertEquals(2, scans.get(), "a call after it finished runs a new pass");
  }

  @Test
  void deletingTheNewestRecordsBehindTheServicesBackIsTamperedAtStart() {
    appendAndPublish(20);
    store.deleteRecord(20);
    LogIntegrity.Status status = Await.result(integrity(store).checkAtStart());
    assertEquals(LogIntegrity.State.TAMPERED, status.state());
    assertEquals(Tampering.DELETED, status.finding().kind());
  }

  @Test
  void aDatabaseShorterThanThePublishedCheckpointIsTamperedEvenWithItsOwnNotesRemoved() throws Exception {
    appendAndPublish(20);
    appendAndPublish(5);
    // The attacker restores a consistent older copy: 20 records, their tiles, their note.
    InMemoryAuditStore older = new InMemoryAuditStore();
    TrailWriter olderWriter = new TrailWriter(older, Clock.systemUTC());
    List<IncomingEvent> first20 = new ArrayList<>();
    for (var r : store.records().subList(0, 20)) {
      first20.add(IncomingEvent.of(CODEC, CODEC.decode(r.canonicalJson()), "t", 0, 0L));
    }
    olderWriter.append(first20);
    olderWriter.checkpoint(KEY, TestLog.ORIGIN);
    LogIntegrity integrity = integrity(older);
    LogIntegrity.Status status = Await.result(integrity.checkAtStart());
    assertEquals(LogIntegrity.State.TAMPERED, status.state());
    assertEquals(Tampering.DELETED, status.finding().kind());
    assertEquals(21, status.finding().sequence());
    assertTrue(integrity.tampered());
  }

  @Test
  void aRewrittenHistoryOfTheSameLengthIsTampered() {
    appendAndPublish(20);
    InMemoryAuditStore rewritten = new InMemoryAuditStore();
    new TrailWriter(rewritten, Clock.systemUTC()).append(TestEvents.mixed(20).stream()
        .map(e -> IncomingEvent.of(CODEC, e, "t", 0, 0L)).toList());
    LogIntegrity.Status status = Await.result(integrity(rewritten).checkAtStart());
    assertEquals(Tampering.CHECKPOINT_MISMATCH, status.finding().kind());
  }
}
