package io.nodeward.audit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.CheckpointKeys;
import io.nodeward.audit.domain.CheckpointSigner;
import io.nodeward.audit.domain.HashChain;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.testing.InMemoryAuditStore;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.events.EventCodec;
import java.security.KeyPair;
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
  static final KeyPair KEY = CheckpointKeys.generate();
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  final InMemoryAuditStore store = new InMemoryAuditStore();
  final TrailWriter writer = new TrailWriter(store, Clock.fixed(NOW, ZoneOffset.UTC));

  static List<IncomingEvent> incoming(int count) {
    return TestEvents.mixed(count).stream().map(e -> IncomingEvent.of(CODEC, e, "t", 0, 0L)).toList();
  }

  @Test
  void anAppendChainsEveryNewEventFromTheStoredHeadInOneTransaction() {
    List<IncomingEvent> events = incoming(5);
    TrailWriter.AppendResult result = writer.append(events);
    assertEquals(5, result.stored());
    assertEquals(1, store.commits.get());
    String prev = HashChain.GENESIS;
    for (StoredRecord r : store.records()) {
      assertEquals(prev, r.prevHash());
      prev = HashChain.link(prev, r.canonicalJson());
      assertEquals(prev, r.hash());
    }
    assertEquals(new ChainHead(5, prev), result.head());
  }

  @Test
  void eventIdsAlreadyStoredOrRepeatedInTheBatchAreSkippedAndDoNotMoveTheChain() {
    List<IncomingEvent> first = incoming(4);
    writer.append(first);
    List<IncomingEvent> again = new ArrayList<>(first);
    again.addAll(incoming(2));
    again.add(again.get(again.size() - 1));
    TrailWriter.AppendResult result = writer.append(again);
    assertEquals(2, result.stored());
    assertEquals(5, result.duplicates());
    assertEquals(6, store.head().sequence());
  }

  @Test
  void aFailedCommitLeavesTheTrailAsItWas() {
    writer.append(incoming(3));
    ChainHead before = store.head();
    store.failNextCommit = new IllegalStateException("database gone");
    assertThrows(IllegalStateException.class, () -> writer.append(incoming(3)));
    assertEquals(before, store.head());
    assertEquals(3, writer.append(incoming(3)).stored());
  }

  @Test
  void aCheckpointSignsTheHeadOnlyWhenItMovedSinceTheLastOne() {
    CheckpointSigner signer = new CheckpointSigner(KEY);
    assertTrue(writer.checkpoint(head -> signer.sign(head, NOW)).isEmpty(), "nothing to sign in an empty trail");
    writer.append(incoming(3));
    var first = writer.checkpoint(head -> signer.sign(head, NOW)).orElseThrow();
    assertEquals(3, first.sequence());
    assertTrue(writer.checkpoint(head -> signer.sign(head, NOW)).isEmpty(), "the head has not moved");
    writer.append(incoming(2));
    assertEquals(5, writer.checkpoint(head -> signer.sign(head, NOW)).orElseThrow().sequence());
    assertTrue(store.scan(ChainVerifier.create(KEY.getPublic(), CODEC)::verify).intact());
  }

  @Test
  void retentionRemovesRecordsOnlyUpToTheNewestCheckpointBeforeTheCutoff() {
    CheckpointSigner signer = new CheckpointSigner(KEY);
    writer.append(incoming(4));
    writer.checkpoint(head -> signer.sign(head, NOW.minus(Duration.ofDays(20))));
    writer.append(incoming(4));
    writer.checkpoint(head -> signer.sign(head, NOW.minus(Duration.ofDays(10))));
    writer.append(incoming(4));
    writer.checkpoint(head -> signer.sign(head, NOW.minus(Duration.ofDays(1))));

    assertEquals(new TrailWriter.PruneResult(0, 0, null), writer.prune(NOW.minus(Duration.ofDays(30))));
    TrailWriter.PruneResult pruned = writer.prune(NOW.minus(Duration.ofDays(5)));
    assertEquals(new TrailWriter.PruneResult(8, 1, 8L), pruned);
    assertEquals(9, store.records().get(0).sequence());
    assertEquals(8, store.checkpoints().get(0).sequence(), "the anchor checkpoint stays");
    assertTrue(store.scan(ChainVerifier.create(KEY.getPublic(), CODEC)::verify).intact());
  }
}
