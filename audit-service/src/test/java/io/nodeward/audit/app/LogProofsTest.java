package io.nodeward.audit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.InvalidQueryException;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.MerkleHash;
import io.nodeward.audit.domain.log.ProofVerifier;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.testing.InMemoryAuditStore;
import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.testing.TestLog;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.Role;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proofs over a fake store: what an auditor and an owner may ask, and what is refused with which code. */
class LogProofsTest {

  static final Ed25519KeySigner KEY = Ed25519KeySigner.generate(TestLog.ORIGIN);
  static final EventCodec CODEC = new EventCodec();
  static Vertx vertx;
  static WorkerExecutor workers;
  static InMemoryAuditStore store;
  static LogProofs proofs;
  static List<CloudEvent<?>> events;
  static StoredNote note;
  static final Principal AUDITOR = principal("auditor-1", Role.AUDITOR);
  static final Principal ALICE = principal(TestEvents.ALICE, Role.OWNER);

  static Principal principal(String sub, Role role) {
    return new Principal(sub, sub, Set.of(), role, io.nodeward.kit.auth.TokenUse.ACCESS, "test-client");
  }

  @BeforeAll
  static void build() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("proofs-test", 1);
    store = new InMemoryAuditStore();
    TrailWriter writer = new TrailWriter(store, Clock.systemUTC());
    events = TestEvents.mixed(1000);
    writer.append(events.stream().map(e -> IncomingEvent.of(CODEC, e, "t", 0, 0L)).toList());
    note = writer.checkpoint(KEY, TestLog.ORIGIN).orElseThrow();
    writer.append(TestEvents.mixed(7).stream().map(e -> IncomingEvent.of(CODEC, e, "t", 0, 0L)).toList());
    proofs = new LogProofs(store, workers, new CachedTiles(store, 16));
  }

  @AfterAll
  static void stop() {
    Await.result(workers.close());
    Await.result(vertx.close());
  }

  @Test
  void anOwnersRecordByEventIdProvesAgainstTheSignedCheckpoint() {
    CloudEvent<?> own = events.get(2); // alice's
    LogProofs.Inclusion proof = Await.result(proofs.inclusion(ALICE, false, new LogProofs.Leaf(own.id(), null, null), null));
    Checkpoint checkpoint = SignedNote.open(Await.result(proofs.checkpoint(null)).note(), KEY.verifierKey());
    assertEquals(1000, proof.treeSize());
    assertEquals(2, proof.leafIndex());
    byte[] leaf = MerkleHash.leaf(CODEC.canonical(own).getBytes(StandardCharsets.UTF_8));
    assertTrue(ProofVerifier.verifyInclusion(proof.leafIndex(), proof.treeSize(), leaf, proof.hashes(), checkpoint.rootHash()));
  }

  @Test
  void anOwnerAskingForSomeoneElsesRecordGetsNotFoundExactlyAsForAnUnknownOne() {
    CloudEvent<?> bobs = events.get(1);
    Throwable other = Await.failure(proofs.inclusion(ALICE, false, new LogProofs.Leaf(bobs.id(), null, null), null));
    Throwable unknown = Await.failure(proofs.inclusion(ALICE, false, new LogProofs.Leaf("no-such-id", null, null), null));
    assertInstanceOf(NotFoundException.class, other);
    assertEquals(((NotFoundException) unknown).code(), ((NotFoundException) other).code());
    assertEquals(other.getMessage(), unknown.getMessage());
    Throwable bySequence = Await.failure(proofs.inclusion(ALICE, false, new LogProofs.Leaf(null, null, 2L), null));
    assertInstanceOf(NotFoundException.class, bySequence);
    assertEquals(1, Await.result(proofs.inclusion(AUDITOR, true, new LogProofs.Leaf(null, null, 2L), null)).leafIndex());
  }

  @Test
  void consistencyFromAnyEarlierSizeToTheCheckpointVerifies() {
    Checkpoint head = SignedNote.open(note.note(), KEY.verifierKey());
    TestLog reference = new TestLog(KEY).append(events.subList(0, 300));
    LogProofs.Consistency proof = Await.result(proofs.consistency(300, null));
    assertEquals(1000, proof.to());
    assertTrue(ProofVerifier.verifyConsistency(300, 1000, reference.head().rootHash(), head.rootHash(), proof.hashes()));
    assertEquals(List.of(), Await.result(proofs.consistency(1000, 1000L)).hashes());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "tree larger than the log, TREE_SIZE_TOO_LARGE",
      "leaf beyond the tree, LEAF_NOT_IN_TREE",
      "from beyond to, FROM_AFTER_TO"})
  void impossibleSizesAreRefusedWithACode(String what, String code) {
    Throwable refused = switch (what) {
      case "tree larger than the log" -> Await.failure(proofs.consistency(5, 5000L));
      case "leaf beyond the tree" -> Await.failure(proofs.inclusion(AUDITOR, true, new LogProofs.Leaf(null, null, 1003L), 1000L));
      default -> Await.failure(proofs.consistency(1005, null));
    };
    assertInstanceOf(InvalidQueryException.class, refused);
    assertEquals(code, ((InvalidQueryException) refused).code());
  }

  @Test
  void checkpointsAreServedByExactSizeAndAMissingSizeIsNotFound() {
    assertEquals(note, Await.result(proofs.checkpoint(1000L)));
    assertEquals("NO_CHECKPOINT_AT_SIZE", ((NotFoundException) Await.failure(proofs.checkpoint(999L))).code());
  }
}
