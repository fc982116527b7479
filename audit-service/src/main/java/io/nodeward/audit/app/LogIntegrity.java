package io.nodeward.audit.app;

import io.nodeward.audit.domain.Finding;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.Tampering;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.InvalidNoteException;
import io.nodeward.audit.domain.log.MerkleTree;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.TileHashes;
import io.nodeward.audit.domain.log.VerifierKey;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the stored log is the one that was signed and published. At start it checks the database against the
 * newest checkpoint published outside it (and its own newest note): a database shorter than, or with another root
 * than, what was signed is TAMPERED, and the service then neither ingests nor signs — it must not quietly sign
 * over a rewritten history. {@link #verify()} re-hashes everything on demand.
 */
public final class LogIntegrity {

  private static final Logger LOG = LoggerFactory.getLogger(LogIntegrity.class);

  public enum State { UNCHECKED, CONSISTENT, NO_PUBLISHED_CHECKPOINT, TAMPERED }

  /** The state with, when tampered, the first problem found. */
  public record Status(State state, Finding finding, Long publishedSize) {
  }

  private final AuditStore store;
  private final WorkerExecutor workers;
  private final CheckpointPublication publication;
  private final VerifierKey key;
  private final String origin;
  private final LogVerifier verifier;
  private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.UNCHECKED, null, null));
  private Future<VerificationReport> running;

  public LogIntegrity(AuditStore store, WorkerExecutor workers, CheckpointPublication publication, VerifierKey key,
      String origin, LogVerifier verifier) {
    this.store = store;
    this.workers = workers;
    this.publication = publication;
    this.key = key;
    this.origin = origin;
    this.verifier = verifier;
  }

  public Status status() {
    return status.get();
  }

  public boolean tampered() {
    return status.get().state() == State.TAMPERED;
  }

  /** The start check: against the newest published checkpoint and the newest stored note. */
  public Future<Status> checkAtStart() {
    return publication.newest(origin, key)
        .compose(published -> workers.executeBlocking(() -> check(published), false))
        .onSuccess(result -> {
          status.set(result);
          if (result.state() == State.TAMPERED) {
            LOG.error("ALARM: the audit log is TAMPERED: {} (record {}). Ingest and signing stay stopped until the "
                + "database is restored.", result.finding().detail(), result.finding().sequence());
          } else {
            LOG.info("audit log checked at start: {}", result.state());
          }
        });
  }

  /**
   * Re-hashes the whole stored log and checks it against every stored note and the newest published one. Calls
   * while one runs share it: a full pass holds a worker and a read connection for seconds, and callers asking
   * at once must not take every query worker (issue 13.2's slow reader, by another door).
   */
  public synchronized Future<VerificationReport> verify() {
    if (running != null && !running.isComplete()) {
      return running;
    }
    running = verifyNow();
    return running;
  }

  private Future<VerificationReport> verifyNow() {
    return publication.newest(origin, key)
        .compose(published -> workers.executeBlocking(() -> store.scan(contents -> verifier.verify(contents, published.orElse(null))), false))
        .onSuccess(report -> {
          if (!report.intact()) {
            status.set(new Status(State.TAMPERED, report.finding(), report.publishedSize()));
          }
        });
  }

  Status check(Optional<Checkpoint> published) {
    long size = store.treeSize();
    Finding finding = checkRecordsAgainstTree(size);
    Optional<StoredNote> newest = store.newestNote();
    if (finding == null && newest.isPresent()) {
      finding = checkNote(newest.get(), size);
    }
    if (finding == null && published.isPresent()) {
      finding = checkAgainst(published.get(), size, "the checkpoint published outside the database");
    }
    Long publishedSize = published.map(Checkpoint::size).orElse(null);
    if (finding != null) {
      return new Status(State.TAMPERED, finding, publishedSize);
    }
    return new Status(published.isPresent() ? State.CONSISTENT : State.NO_PUBLISHED_CHECKPOINT, null, publishedSize);
  }

  private Finding checkRecordsAgainstTree(long size) {
    if (size > store.prunedThrough() && store.record(size).isEmpty()) {
      return new Finding(size, Tampering.DELETED, "the tree holds " + size + " leaves but record " + size + " is missing");
    }
    if (store.record(size + 1).isPresent()) {
      return new Finding(size + 1, Tampering.INSERTED, "record " + (size + 1) + " is beyond the tree of " + size + " leaves");
    }
    return null;
  }

  private Finding checkNote(StoredNote note, long size) {
    Checkpoint signed;
    try {
      signed = SignedNote.open(note.note(), key);
    } catch (InvalidNoteException e) {
      return new Finding(note.treeSize(), Tampering.CHECKPOINT_INVALID, "the newest stored checkpoint does not verify: " + e.getMessage());
    }
    return checkAgainst(signed, size, "the newest stored checkpoint");
  }

  private Finding checkAgainst(Checkpoint signed, long size, String what) {
    if (signed.size() > size) {
      return new Finding(size + 1, Tampering.DELETED, what + " signs " + signed.size() + " records but the database holds "
          + size + ": records from " + (size + 1) + " were deleted");
    }
    byte[] root = new MerkleTree(new TileHashes(new CachedTiles(store, 0).forRequest())).root(signed.size());
    if (!Arrays.equals(root, signed.rootHash())) {
      return new Finding(signed.size(), Tampering.CHECKPOINT_MISMATCH, what + " signs another root at " + signed.size()
          + " records: the log was rewritten");
    }
    return null;
  }
}
