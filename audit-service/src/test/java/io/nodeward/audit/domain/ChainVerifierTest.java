package io.nodeward.audit.domain;

import io.nodeward.audit.testing.Trail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.testing.TestEvents;
import io.nodeward.events.AuditCheckpoint;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChainVerifierTest {

  private static final KeyPair KEY = CheckpointKeys.generate();
  private Trail trail;

  @BeforeEach
  void buildTrail() {
    trail = new Trail(KEY).append(TestEvents.mixed(10)).checkpoint().append(TestEvents.mixed(10)).checkpoint()
        .append(TestEvents.mixed(5));
  }

  @Test
  void anUntouchedTrailIsIntactUpToItsHead() {
    VerificationReport report = trail.verify();
    assertNull(report.finding(), () -> report.finding().detail());
    assertEquals(25, report.recordsChecked());
    assertEquals(2, report.checkpointsChecked());
    assertEquals(trail.head(), report.head());
    assertEquals(ChainHead.GENESIS, report.anchor());
  }

  @Test
  void anEmptyTrailIsIntact() {
    assertTrue(new Trail(KEY).verify().intact());
  }

  @Test
  void changedContentIsReportedAsAlteredAtThatRecord() {
    StoredRecord r = trail.at(7);
    trail.replace(7, new StoredRecord(7, r.columns(), r.canonicalJson().replace("node-", "nodx-"), r.prevHash(), r.hash()));
    assertFinding(7, Tampering.ALTERED);
  }

  @Test
  void anIndexedColumnChangedWithoutItsContentIsReportedAsAltered() {
    StoredRecord r = trail.at(4);
    RecordColumns c = r.columns();
    RecordColumns forged = new RecordColumns(c.eventId(), c.type(), c.source(), c.time(), c.subject(), "mallory",
        c.nodeId(), c.serial(), c.effect(), c.reason());
    trail.replace(4, new StoredRecord(4, forged, r.canonicalJson(), r.prevHash(), r.hash()));
    assertFinding(4, Tampering.ALTERED);
  }

  @Test
  void aRemovedRecordIsReportedAsDeletedAtTheMissingSequence() {
    trail.records.removeIf(r -> r.sequence() == 12);
    assertFinding(12, Tampering.DELETED);
  }

  @Test
  void aTrailCutOffAfterACheckpointIsReportedAsDeleted() {
    trail.records.removeIf(r -> r.sequence() > 15);
    assertFinding(16, Tampering.DELETED);
  }

  @Test
  void aForgedRecordSlidIntoTheMiddleIsReportedAsInsertedAtItsPlace() {
    // The attacker shifts records 6.. up by one and writes a well-formed record at 6 that chains onto 5.
    List<StoredRecord> shifted = new ArrayList<>();
    for (StoredRecord r : trail.records) {
      shifted.add(r.sequence() < 6 ? r : new StoredRecord(r.sequence() + 1, r.columns(), r.canonicalJson(), r.prevHash(), r.hash()));
    }
    StoredRecord fifth = trail.at(5);
    String json = Trail.CODEC.canonical(TestEvents.mixed(1).get(0));
    shifted.add(new StoredRecord(6, RecordColumns.fromCanonicalJson(Trail.CODEC, json), json, fifth.hash(),
        HashChain.link(fifth.hash(), json)));
    trail.records.clear();
    trail.records.addAll(shifted);
    assertFinding(6, Tampering.INSERTED);
  }

  @Test
  void aForgedRecordAppendedWithAMadeUpLinkIsReportedAsInserted() {
    String json = Trail.CODEC.canonical(TestEvents.mixed(1).get(0));
    String fakePrev = HashChain.link(HashChain.GENESIS, "{}");
    trail.records.add(new StoredRecord(26, RecordColumns.fromCanonicalJson(Trail.CODEC, json), json, fakePrev,
        HashChain.link(fakePrev, json)));
    assertFinding(26, Tampering.INSERTED);
  }

  @ParameterizedTest(name = "swap 8 and {0}")
  @ValueSource(ints = {9, 11, 24})
  void swappedRecordsAreReportedAsReorderedAtTheFirstMovedOne(int other) {
    StoredRecord a = trail.at(8);
    StoredRecord b = trail.at(other);
    trail.replace(8, new StoredRecord(8, b.columns(), b.canonicalJson(), b.prevHash(), b.hash()));
    trail.replace(other, new StoredRecord(other, a.columns(), a.canonicalJson(), a.prevHash(), a.hash()));
    assertFinding(8, Tampering.REORDERED);
  }

  @Test
  void aRewrittenChainWithFreshHashesIsCaughtByTheSignedCheckpoint() {
    // Alter record 13 and recompute every later hash: the chain is self-consistent, only the checkpoint at 20 knows.
    List<StoredRecord> rewritten = new ArrayList<>();
    String prev = HashChain.GENESIS;
    for (StoredRecord r : trail.records) {
      String json = r.sequence() == 13 ? Trail.CODEC.canonical(TestEvents.mixed(1).get(0)) : r.canonicalJson();
      String hash = HashChain.link(prev, json);
      rewritten.add(new StoredRecord(r.sequence(), RecordColumns.fromCanonicalJson(Trail.CODEC, json), json, prev, hash));
      prev = hash;
    }
    trail.records.clear();
    trail.records.addAll(rewritten);
    assertFinding(11, Tampering.CHECKPOINT_MISMATCH);
  }

  @Test
  void aCheckpointNotSignedByTheTrustedKeyIsReported() {
    AuditCheckpoint genuine = trail.checkpoints.get(1);
    trail.checkpoints.set(1, new AuditCheckpoint(genuine.sequence(), genuine.headHash(), genuine.recordedAt().plusSeconds(1),
        genuine.keyId(), genuine.algorithm(), genuine.signature()));
    assertFinding(20, Tampering.CHECKPOINT_INVALID);
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsReported() {
    Trail other = new Trail(CheckpointKeys.generate());
    other.records.addAll(trail.records.subList(0, 10));
    other.checkpoint();
    trail.checkpoints.set(0, other.checkpoints.get(0));
    assertFinding(10, Tampering.CHECKPOINT_INVALID);
  }

  @Test
  void aTrailPrunedUpToACheckpointVerifiesFromThatCheckpoint() {
    trail.records.removeIf(r -> r.sequence() <= 10);
    VerificationReport report = trail.verify();
    assertNull(report.finding(), () -> report.finding().detail());
    assertEquals(10, report.anchor().sequence());
    assertEquals(15, report.recordsChecked());
  }

  @Test
  void recordsRemovedFromTheStartWithoutAnAnchoringCheckpointAreReported() {
    trail.records.removeIf(r -> r.sequence() <= 3);
    assertFinding(1, Tampering.DELETED);
  }

  @Test
  void recordsRemovedAfterThePruneAnchorAreReportedFromTheAnchor() {
    trail.records.removeIf(r -> r.sequence() <= 13);
    // Kept checkpoint 10 anchors record 11, which is gone.
    assertFinding(11, Tampering.DELETED);
  }

  @Test
  void aTrailPrunedEntirelyUpToTheNewestCheckpointIsIntact() {
    trail.records.clear();
    trail.checkpoints.remove(0);
    VerificationReport report = trail.verify();
    assertNull(report.finding());
    assertEquals(20, report.head().sequence());
  }

  private void assertFinding(long sequence, Tampering kind) {
    VerificationReport report = trail.verify();
    Finding finding = report.finding();
    assertTrue(finding != null, "tampering went unnoticed");
    assertEquals(kind, finding.kind(), finding::detail);
    assertEquals(sequence, finding.sequence(), finding::detail);
  }
}
