package io.nodeward.audit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.VerifierKey;
import io.nodeward.audit.testing.InMemoryAuditStore;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.testing.TestLog;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checkpointing over a fake store and a fake publication. */
class CheckpointingTest {

  static final Ed25519KeySigner KEY = Ed25519KeySigner.generate(TestLog.ORIGIN);
  static Vertx vertx;
  static WorkerExecutor workers;

  final InMemoryAuditStore store = new InMemoryAuditStore();
  final TrailWriter writer = new TrailWriter(store, Clock.systemUTC());
  final FakePublication publication = new FakePublication();

  static final class FakePublication implements CheckpointPublication {
    final List<String> published = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public Future<Void> publish(String origin, long treeSize, byte[] rootHash, String note) {
      if (down) {
        return Future.failedFuture("broker unreachable");
      }
      published.add(note);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Checkpoint>> newest(String origin, VerifierKey key) {
      return Future.succeededFuture(published.isEmpty() ? Optional.empty()
          : Optional.of(SignedNote.open(published.get(published.size() - 1), key)));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("checkpoint-test", 1);
  }

  @AfterAll
  static void stop() {
    Await.result(workers.close());
    Await.result(vertx.close());
  }

  void append(int count) {
    EventCodec codec = new EventCodec();
    writer.append(TestEvents.mixed(count).stream().map(e -> IncomingEvent.of(codec, e, "t", 0, 0L)).toList());
  }

  Checkpointing checkpointing() {
    return new Checkpointing(vertx, writer, store, workers, KEY, TestLog.ORIGIN, publication, 0);
  }

  @Test
  void aGrownTreeIsSignedStoredAndPublishedOnceAndAnUnchangedOneNotAgain() {
    Checkpointing checkpointing = checkpointing();
    append(4);
    assertEquals(4, Await.result(checkpointing.checkpointNow()).orElseThrow().treeSize());
    assertTrue(Await.result(checkpointing.checkpointNow()).isEmpty());
    assertEquals(1, publication.published.size());
    assertEquals(store.newestNote().orElseThrow().note(), publication.published.get(0));
    assertEquals(4, SignedNote.open(publication.published.get(0), KEY.verifierKey()).size());
    assertEquals(4, checkpointing.publishedSize());
  }

  @Test
  void aNoteThatCouldNotBePublishedIsPublishedOnTheNextRound() {
    Checkpointing checkpointing = checkpointing();
    append(3);
    publication.down = true;
    assertTrue(Await.failure(checkpointing.checkpointNow()) != null);
    assertEquals(3, store.newestNote().orElseThrow().treeSize(), "signed and stored even so");
    publication.down = false;
    assertEquals(3, Await.result(checkpointing.checkpointNow()).orElseThrow().treeSize());
    assertEquals(1, publication.published.size());
  }

  @Test
  void stoppingTakesAFinalCheckpoint() {
    Checkpointing checkpointing = checkpointing().start(Duration.ofHours(1));
    append(3);
    Await.result(checkpointing.stop());
    assertEquals(3, SignedNote.open(publication.published.get(0), KEY.verifierKey()).size());
  }
}
