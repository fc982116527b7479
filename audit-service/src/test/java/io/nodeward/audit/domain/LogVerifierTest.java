package io.nodeward.audit.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.MerkleHash;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.Tile;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.testing.TestLog;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier over an in-memory log: each kind of tampering is named at the first bad record. */
class LogVerifierTest {

  static final Ed25519KeySigner KEY = Ed25519KeySigner.generate(TestLog.ORIGIN);
  TestLog log;

  @BeforeEach
  void build() {
    log = new TestLog(KEY).append(TestEvents.mixed(10)).checkpoint().append(TestEvents.mixed(300)).checkpoint()
        .append(TestEvents.mixed(5));
  }

  void assertFinding(long sequence, Tampering kind) {
    VerificationReport report = log.verify();
    assertEquals(kind, report.finding() == null ? null : report.finding().kind(), () -> String.valueOf(report.finding()));
    assertEquals(sequence, report.finding().sequence(), report.finding().detail());
  }

  @Test
  void anUntouchedLogIsIntactAndItsRootIsTheTreeHead() {
    VerificationReport report = log.verify(log.head());
    assertNull(report.finding(), () -> report.finding().detail());
    assertEquals(315, report.recordsChecked());
    assertEquals(3, report.checkpointsChecked());
    assertArrayEquals(log.head().rootHash(), report.rootHash());
  }

  @Test
  void anEmptyLogIsIntact() {
    assertTrue(new TestLog(KEY).verify().intact());
  }

  @Test
  void changedContentIsAlteredAtThatRecord() {
    StoredRecord r = log.at(7);
    log.replace(7, new StoredRecord(7, r.columns(), r.canonicalJson().replace("node-", "nodx-")));
    assertFinding(7, Tampering.ALTERED);
  }

  @Test
  void anIndexedColumnChangedWithoutItsContentIsAltered() {
    StoredRecord r = log.at(4);
    RecordColumns c = r.columns();
    log.replace(4, new StoredRecord(4, new RecordColumns(c.eventId(), c.type(), c.source(), c.time(), c.subject(), "mallory",
        c.nodeId(), c.serial(), c.effect(), c.reason()), r.canonicalJson()));
    assertFinding(4, Tampering.ALTERED);
  }

  @Test
  void aMissingRecordIsDeleted() {
    log.records.removeIf(r -> r.sequence() == 12);
    assertFinding(12, Tampering.DELETED);
  }

  @Test
  void aRecordPushedInIsInsertedAndSwappedRecordsAreReordered() {
    StoredRecord forged = new StoredRecord(6, log.at(3).columns(), log.at(3).canonicalJson());
    log.records.replaceAll(r -> r.sequence() >= 6 ? new StoredRecord(r.sequence() + 1, r.columns(), r.canonicalJson()) : r);
    log.records.add(forged);
    assertFinding(6, Tampering.INSERTED);

    build();
    StoredRecord eight = log.at(8);
    StoredRecord nine = log.at(9);
    log.replace(8, new StoredRecord(8, nine.columns(), nine.canonicalJson()));
    log.replace(9, new StoredRecord(9, eight.columns(), eight.canonicalJson()));
    assertFinding(8, Tampering.REORDERED);
  }

  @Test
  void rewritingRecordsTogetherWithTheirTilesIsCaughtByTheSignedRoot() throws Exception {
    // The attacker changes record 5 and recomputes every tile: leaves agree, the signed root does not.
    TestLog rewritten = new TestLog(KEY);
    var events = new java.util.ArrayList<io.nodeward.events.CloudEvent<?>>();
    for (StoredRecord r : log.records) {
      events.add(TestLog.CODEC.decode(r.canonicalJson()));
    }
    events.set(4, TestEvents.mixed(1).get(0));
    rewritten.append(events);
    rewritten.notes.addAll(log.notes);
    VerificationReport report = rewritten.verify();
    assertEquals(Tampering.CHECKPOINT_MISMATCH, report.finding().kind(), report.finding().detail());
    assertEquals(10, report.finding().sequence());
  }

  @Test
  void truncationIsDeletedWhenANoteOrThePublishedCheckpointIsBeyondTheLog() throws Exception {
    Checkpoint published = log.head();
    TestLog shorter = new TestLog(KEY);
    var events = new java.util.ArrayList<io.nodeward.events.CloudEvent<?>>();
    for (StoredRecord r : log.records.subList(0, 305)) {
      events.add(TestLog.CODEC.decode(r.canonicalJson()));
    }
    shorter.append(events);
    shorter.notes.addAll(log.notes.subList(0, 1));
    assertTrue(shorter.verify().intact(), "the cut is invisible from inside the database");
    VerificationReport report = shorter.verify(published);
    assertEquals(Tampering.DELETED, report.finding().kind());
    assertEquals(306, report.finding().sequence());
  }

  @Test
  void aNoteByAnotherKeyIsInvalidAndTileDamageIsATreeMismatch() {
    Ed25519KeySigner other = Ed25519KeySigner.generate(TestLog.ORIGIN);
    StoredNote genuine = log.notes.get(0);
    Checkpoint signed = new Checkpoint(TestLog.ORIGIN, genuine.treeSize(), genuine.rootHash());
    log.notes.set(0, new StoredNote(genuine.treeSize(), genuine.rootHash(), SignedNote.sign(signed, other), Instant.now()));
    assertFinding(10, Tampering.CHECKPOINT_INVALID);

    build();
    Tile upper = log.tiles.get(TestLog.address(1, 0));
    byte[] damaged = upper.hashes();
    damaged[0] ^= 1;
    log.tiles.put(TestLog.address(1, 0), new Tile(1, 0, damaged));
    assertEquals(Tampering.TREE_MISMATCH, log.verify().finding().kind());
  }

  @Test
  void prunedRecordsAreCheckedThroughTheirKeptHashes() {
    log.prunedThrough = 10;
    log.records.removeIf(r -> r.sequence() <= 10);
    VerificationReport report = log.verify(log.head());
    assertNull(report.finding(), () -> report.finding().detail());
    assertEquals(10, report.prunedLeaves());
    assertEquals(305, report.recordsChecked());

    log.records.removeIf(r -> r.sequence() <= 13);
    assertFinding(11, Tampering.DELETED);
  }

  @Test
  void aRecordBeyondTheTreeWasInserted() {
    StoredRecord last = log.at(315);
    log.records.add(new StoredRecord(316, last.columns(), last.canonicalJson()));
    assertFinding(316, Tampering.INSERTED);
    assertEquals(32, MerkleHash.SIZE);
  }
}
