package io.nodeward.audit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.domain.CheckpointKeys;
import io.nodeward.audit.domain.CheckpointSigner;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.testing.InMemoryAuditStore;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checkpointing over a fake store and a fake publication. */
class CheckpointingTest {

  static final KeyPair KEY = CheckpointKeys.generate();

  static Vertx vertx;
  static WorkerExecutor workers;
  final InMemoryAuditStore store = new InMemoryAuditStore();
  final TrailWriter writer = new TrailWriter(store, Clock.systemUTC());
  final List<AuditCheckpoint> published = new CopyOnWriteArrayList<>();
  final CheckpointPublication publication = new CheckpointPublication() {
    @Override
    public Future<Void> publish(AuditCheckpoint checkpoint) {
      published.add(checkpoint);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };

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

  @Test
  void aNewHeadIsSignedStoredAndPublishedOnceAndAnUnmovedHeadNotAgain() {
    Checkpointing checkpointing = new Checkpointing(vertx, writer, workers, new CheckpointSigner(KEY), publication, Clock.systemUTC());
    append(4);
    assertEquals(4, Await.result(checkpointing.checkpointNow()).orElseThrow().sequence());
    assertTrue(Await.result(checkpointing.checkpointNow()).isEmpty());
    assertEquals(1, published.size());
    assertEquals(store.checkpoints(), published);
    assertTrue(CheckpointKeys.verify(published.get(0), KEY.getPublic()));
    assertEquals(published.get(0), checkpointing.latest());
  }

  @Test
  void stoppingTakesAFinalCheckpoint() {
    Checkpointing checkpointing = new Checkpointing(vertx, writer, workers, new CheckpointSigner(KEY), publication, Clock.systemUTC())
        .start(java.time.Duration.ofHours(1));
    append(3);
    Await.result(checkpointing.stop());
    assertEquals(List.of(3L), published.stream().map(AuditCheckpoint::sequence).toList());
  }
}
