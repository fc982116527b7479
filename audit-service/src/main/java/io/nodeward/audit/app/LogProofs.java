package io.nodeward.audit.app;

import io.nodeward.audit.domain.InvalidQueryException;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.log.MerkleTree;
import io.nodeward.audit.domain.log.TileHashes;
import io.nodeward.audit.domain.log.TileSource;
import io.nodeward.kit.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Optional;

/**
 * The log's read side for verifiers: signed checkpoints, inclusion proofs (auditors for any record, owners for
 * their own) and consistency proofs, from the stored tiles. Sizes beyond the log are refused, never guessed at.
 */
public final class LogProofs {

  /** An RFC 9162 inclusion proof for the record at {@code sequence} (leaf {@code sequence - 1}). */
  public record Inclusion(long leafIndex, long sequence, long treeSize, byte[] leafHash, List<byte[]> hashes) {
  }

  public record Consistency(long from, long to, List<byte[]> hashes) {
  }

  /** Which record: by event id (and source, if several share the id) or by sequence. */
  public record Leaf(String eventId, String source, Long sequence) {
  }

  private final AuditStore store;
  private final WorkerExecutor workers;
  private final CachedTiles tiles;

  public LogProofs(AuditStore store, WorkerExecutor workers, CachedTiles tiles) {
    this.store = store;
    this.workers = workers;
    this.tiles = tiles;
  }

  /** The newest note, or the one of exactly {@code treeSize}. */
  public Future<StoredNote> checkpoint(Long treeSize) {
    return workers.executeBlocking(() -> {
      if (treeSize == null) {
        return store.newestNote().orElseThrow(() -> new NotFoundException("NO_CHECKPOINT", "no checkpoint has been signed yet"));
      }
      return store.note(treeSize).orElseThrow(() -> new NotFoundException("NO_CHECKPOINT_AT_SIZE",
          "no checkpoint was signed at tree size " + treeSize));
    }, false);
  }

  public Future<Inclusion> inclusion(Principal caller, boolean seesEverything, Leaf leaf, Long treeSize) {
    return workers.executeBlocking(() -> {
      StoredRecord record = select(leaf, caller, seesEverything);
      long sequence = record != null ? record.sequence() : leaf.sequence();
      long size = size(treeSize);
      if (sequence > size) {
        throw new InvalidQueryException("LEAF_NOT_IN_TREE", "record " + sequence + " is not in a tree of " + size + " leaves");
      }
      TileSource source = tiles.forRequest();
      MerkleTree tree = new MerkleTree(new TileHashes(source));
      byte[] leafHash = new TileHashes(source).perfect(0, sequence - 1);
      return new Inclusion(sequence - 1, sequence, size, leafHash, tree.inclusionProof(sequence - 1, size));
    }, false);
  }

  public Future<Consistency> consistency(long from, Long to) {
    return workers.executeBlocking(() -> {
      long size = size(to);
      if (from > size) {
        throw new InvalidQueryException("FROM_AFTER_TO", "'from' (" + from + ") is after 'to' (" + size + ")");
      }
      MerkleTree tree = new MerkleTree(new TileHashes(tiles.forRequest()));
      return new Consistency(from, size, tree.consistencyProof(from, size));
    }, false);
  }

  /** The size asked for, checked against the log; by default the newest checkpoint's. */
  private long size(Long asked) {
    if (asked == null) {
      return store.newestNote().map(StoredNote::treeSize)
          .orElseThrow(() -> new NotFoundException("NO_CHECKPOINT", "no checkpoint has been signed yet; name a tree size"));
    }
    long current = store.treeSize();
    if (asked > current) {
      throw new InvalidQueryException("TREE_SIZE_TOO_LARGE", "the log holds " + current + " records, fewer than " + asked);
    }
    return asked;
  }

  /**
   * The record a leaf selector names, if the caller may see it; null for an auditor asking by sequence for a
   * record whose body retention removed (its hash is still in the tree).
   */
  private StoredRecord select(Leaf leaf, Principal caller, boolean seesEverything) {
    if (leaf.sequence() != null) {
      Optional<StoredRecord> record = store.record(leaf.sequence());
      if (record.isPresent() && visible(record.get(), caller, seesEverything)) {
        return record.get();
      }
      if (record.isEmpty() && seesEverything && leaf.sequence() <= store.treeSize()) {
        return null;
      }
      throw notFound();
    }
    List<StoredRecord> candidates = store.recordsWithId(leaf.eventId()).stream()
        .filter(r -> leaf.source() == null || leaf.source().equals(r.columns().source()))
        .filter(r -> visible(r, caller, seesEverything))
        .toList();
    if (candidates.isEmpty()) {
      throw notFound();
    }
    if (candidates.stream().map(r -> r.columns().source()).distinct().count() > 1) {
      throw new InvalidQueryException("AMBIGUOUS_EVENT_ID", "several sources used this event id; add 'source'");
    }
    return candidates.get(0);
  }

  private static boolean visible(StoredRecord record, Principal caller, boolean seesEverything) {
    return seesEverything || caller.userId().equals(record.columns().userId());
  }

  private static NotFoundException notFound() {
    return new NotFoundException("RECORD_NOT_FOUND", "no such record in the log (or not one of yours)");
  }
}
