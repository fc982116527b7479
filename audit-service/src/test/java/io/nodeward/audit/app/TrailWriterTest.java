package io.nodeward.audit.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.MerkleTree;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.TileHashes;
import io.nodeward.audit.testing.InMemoryAuditStore;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.testing.TestLog;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The write policies against a fake store: what is appended, when a checkpoint is due, what retention removes. */
class TrailWriterTest {

  static final EventCodec CODEC = new EventCodec();
  static final Ed25519KeySigner KEY = Ed25519KeySigner.generate(TestLog.ORIGIN);
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  final InMemoryAuditStore store = new InMemoryAuditStore();
  final TrailWriter writer = new TrailWriter(store, Clock.fixed(NOW, ZoneOffset.UTC));

  static List<IncomingEvent> incoming(List<CloudEvent<?>> events) {
    return events.stream().map(e -> IncomingEvent.of(CODEC, e, "t", 0, 0L)).toList();
  }

  static List<IncomingEvent> incoming(int count) {
    return incoming(TestEvents.mixed(count));
  }

  boolean intact() {
    return store.scan(contents -> LogVerifier.create(KEY.verifierKey(), TestLog.ORIGIN, CODEC).verify(contents, null)).intact();
  }

  @Test
  void anAppendGivesEveryNewEventTheNextLeafAndStoresTheTreeInOneTransaction() {
    List<CloudEvent<?>> events = TestEvents.mixed(300);
    TrailWriter.AppendResult result = writer.append(incoming(events.subList(0, 100)));
    writer.append(incoming(events.subList(100, 300)));
    assertEquals(100, result.stored());
    assertEquals(2, store.commits.get());
    assertEquals(300, store.treeSize());
    List<StoredRecord> records = store.records();
    for (int i = 0; i < 300; i++) {
      assertEquals(i + 1, records.get(i).sequence());
      assertEquals(events.get(i).id(), records.get(i).columns().eventId());
    }
    TestLog reference = new TestLog(KEY).append(events);
    assertArrayEquals(reference.head().rootHash(), new MerkleTree(new TileHashes(new CachedTiles(store, 8).forRequest())).root(300));
    assertTrue(intact());
  }

  @Test
  void theSameSourceAndIdWithTheSameContentIsARedeliveryAndIsSkipped() {
    List<IncomingEvent> first = incoming(4);
    writer.append(first);
    List<IncomingEvent> again = new ArrayList<>(first);
    again.addAll(incoming(2));
    again.add(again.get(again.size() - 1));
    TrailWriter.AppendResult result = writer.append(again);
    assertEquals(2, result.stored());
    assertEquals(5, result.duplicates());
    assertEquals(0, result.conflicts());
    assertEquals(6, store.treeSize());
  }

  @Test
  void aForgedEventWithAGenuineIdCannotPushTheGenuineOneOutAndTheSameIdWithOtherContentRaisesTheAlarm() {
    CloudEvent<?> genuine = TestEvents.mixed(1).get(0);
    // Sent first, from another source, with the genuine id: under (source, id) it is simply another record.
    CloudEvent<?> forgedElsewhere = new CloudEvent<>(genuine.id(), "/nodeward/mallory/x", genuine.type(), genuine.time(), genuine.data());
    writer.append(incoming(List.of(forgedElsewhere)));
    assertEquals(1, writer.append(incoming(List.of(genuine))).stored(), "the genuine event is stored");
    assertEquals(0, writer.conflicts());

    // Same source and id, different content: kept as well, and the alarm goes up.
    CloudEvent<?> altered = new CloudEvent<>(genuine.id(), genuine.source(), genuine.type(), genuine.time().plusSeconds(1), genuine.data());
    TrailWriter.AppendResult result = writer.append(incoming(List.of(altered)));
    assertEquals(1, result.stored());
    assertEquals(1, result.conflicts());
    assertEquals(1, writer.conflicts());
    var conflict = store.conflictsSince(Instant.EPOCH).get(0);
    assertEquals(3, conflict.sequence());
    assertEquals(2, conflict.firstSequence());
    assertEquals(genuine.id(), conflict.eventId());
    assertEquals(0, writer.append(incoming(List.of(altered))).stored(), "its redelivery is a duplicate again");
  }

  @Test
  void aFailedCommitLeavesTheLogAsItWasAndTheNextAppendContinuesFromIt() {
    writer.append(incoming(3));
    store.failNextCommit = new IllegalStateException("database gone");
    assertThrows(IllegalStateException.class, () -> writer.append(incoming(300)));
    assertEquals(3, store.treeSize());
    assertEquals(3, writer.append(incoming(3)).stored());
    assertEquals(6, store.treeSize());
    assertTrue(intact());
  }

  @Test
  void aCheckpointSignsTheTreeHeadOnlyWhenItGrew() {
    assertTrue(writer.checkpoint(KEY, TestLog.ORIGIN).isEmpty(), "nothing to sign in an empty log");
    writer.append(incoming(3));
    StoredNote first = writer.checkpoint(KEY, TestLog.ORIGIN).orElseThrow();
    assertEquals(3, first.treeSize());
    Checkpoint signed = SignedNote.open(first.note(), KEY.verifierKey());
    assertArrayEquals(signed.rootHash(), first.rootHash());
    assertTrue(writer.checkpoint(KEY, TestLog.ORIGIN).isEmpty(), "the tree has not grown");
    writer.append(incoming(2));
    assertEquals(5, writer.checkpoint(KEY, TestLog.ORIGIN).orElseThrow().treeSize());
    assertTrue(intact());
  }

  @Test
  void retentionDropsBodiesOnlyUpToASizeSignedBeforeTheCutoffAndKeepsTheTree() {
    Instant[] clock = {NOW.minus(Duration.ofDays(20))};
    TrailWriter writer = new TrailWriter(store, new Clock() {
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      public Instant instant() {
        return clock[0];
      }
    });
    writer.append(incoming(4));
    writer.checkpoint(KEY, TestLog.ORIGIN);
    clock[0] = NOW.minus(Duration.ofDays(10));
    writer.append(incoming(4));
    writer.checkpoint(KEY, TestLog.ORIGIN);
    clock[0] = NOW.minus(Duration.ofDays(1));
    writer.append(incoming(4));
    writer.checkpoint(KEY, TestLog.ORIGIN);

    assertEquals(new TrailWriter.PruneResult(0, null), writer.prune(NOW.minus(Duration.ofDays(30))));
    assertEquals(new TrailWriter.PruneResult(8, 8L), writer.prune(NOW.minus(Duration.ofDays(5))));
    assertEquals(9, store.records().get(0).sequence());
    assertEquals(12, store.treeSize(), "every leaf hash stays");
    assertEquals(8, store.prunedThrough());
    assertTrue(intact());
  }
}
