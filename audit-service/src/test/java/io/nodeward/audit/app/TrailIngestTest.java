package io.nodeward.audit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nodeward.audit.testing.InMemoryAuditStore;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.kit.kafka.ConsumedEvent;
import io.nodeward.kit.kafka.RejectedRecord;
import io.nodeward.events.EventRejected;
import io.nodeward.events.RejectionReason;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ingest over a fake store: what a consumed batch becomes, and what is counted. */
class TrailIngestTest {

  static Vertx vertx;
  static WorkerExecutor workers;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("ingest-test", 1);
  }

  @AfterAll
  static void stop() {
    Await.result(workers.close());
    Await.result(vertx.close());
  }

  @SuppressWarnings("unchecked")
  static List<ConsumedEvent> consumed(List<CloudEvent<?>> events) {
    List<ConsumedEvent> batch = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      batch.add(new ConsumedEvent((CloudEvent<EventData>) events.get(i), "t", 0, i));
    }
    return batch;
  }

  @Test
  void aBatchIsStoredInOrderAndARedeliveryIsCountedAsDuplicates() {
    InMemoryAuditStore store = new InMemoryAuditStore();
    TrailIngest ingest = new TrailIngest(new TrailWriter(store, Clock.systemUTC()), workers, new EventCodec(), "nodeward-audit");
    List<CloudEvent<?>> events = TestEvents.mixed(30);
    Await.result(ingest.handle(consumed(events)));
    Await.result(ingest.handle(consumed(events)));
    assertEquals(30, ingest.stored());
    assertEquals(30, ingest.duplicates());
    assertEquals(events.stream().map(CloudEvent::id).toList(), store.records().stream().map(r -> r.columns().eventId()).toList());
    assertEquals(1, store.records().get(0).sequence());
  }

  @Test
  void checkpointsAreNotRecordsOfTheLog() {
    InMemoryAuditStore store = new InMemoryAuditStore();
    TrailIngest ingest = new TrailIngest(new TrailWriter(store, Clock.systemUTC()), workers, new EventCodec(), "nodeward-audit");
    List<CloudEvent<?>> events = new ArrayList<>(TestEvents.mixed(2));
    events.add(CloudEvent.of("/nodeward/audit", new AuditCheckpoint(2, "0".repeat(64), Instant.now(), "k", "a", "s"), Instant.now()));
    events.add(CloudEvent.of("/nodeward/audit/a", new io.nodeward.events.AuditLogCheckpoint("o", 2, "AAAA", "n"), Instant.now()));
    Await.result(ingest.handle(consumed(events)));
    assertEquals(2, store.records().size());
  }

  @Test
  void aRefusedRecordLeavesAMarkerNotItselfAndARedeliveryLeavesNoSecondOne() throws Exception {
    InMemoryAuditStore store = new InMemoryAuditStore();
    TrailIngest ingest = new TrailIngest(new TrailWriter(store, Clock.systemUTC()), workers, new EventCodec(), "nodeward-audit");
    Instant written = Instant.parse("2026-11-30T10:00:00Z");
    RejectedRecord forged = new RejectedRecord("nodeward.nodes.v1", 2, 41, "node-x", RejectionReason.UNSIGNED,
        "data.ownerUserId=mallory has no signature", "6f1c1c2e-0d3a-4a43-9d43-1f0c4e2b7a10", "/nodeward/issuer/i-1",
        "io.nodeward.node.provisioned.v1", "ab".repeat(32), written);
    Await.result(ingest.rejected(List.of(forged)));
    Await.result(ingest.rejected(List.of(forged)));
    assertEquals(1, store.records().size());
    assertEquals(1, ingest.markers());

    var record = store.records().get(0);
    assertEquals("io.nodeward.audit.event-rejected.v1", record.columns().type());
    assertEquals("UNSIGNED", record.columns().reason());
    assertEquals("/nodeward/audit/nodeward-audit", record.columns().source());
    assertEquals(written, record.columns().time());
    EventRejected marker = (EventRejected) new EventCodec().decode(record.canonicalJson()).data();
    assertEquals("nodeward.nodes.v1/2/41", marker.key());
    assertEquals("the event carries no signature", marker.detail());
    assertFalse(record.canonicalJson().contains("mallory"), "nothing the record said beyond its claimed identity");
  }
}
