package io.nodeward.audit.app;

import io.nodeward.audit.domain.DedupeConflict;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.NewRecord;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.LogSigner;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.Tile;
import io.nodeward.audit.domain.log.TreeEdge;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's write policies, each one transaction of the store. Append: deduplicate on (source, id) — the same
 * content again is a redelivery and is skipped, different content is kept too and raises the alarm — then give
 * the new events the next leaves and store the tiles that changed, in the same transaction as the records.
 * Checkpoint: sign the tree head when it grew. Prune: drop record bodies only up to a size that a note signed
 * before the cutoff covers; the tree's hashes stay. Blocking; appends are serialized here and by the store's lock.
 */
public final class TrailWriter {

  private static final Logger LOG = LoggerFactory.getLogger(TrailWriter.class);

  /** What an append did, and the tree size after it. */
  public record AppendResult(int stored, int duplicates, int conflicts, long treeSize) {
  }

  /** What a prune removed; {@code prunedThrough} null when nothing could go. */
  public record PruneResult(long recordsRemoved, Long prunedThrough) {
  }

  private final AuditStore store;
  private final Clock clock;
  private final AtomicLong conflicts = new AtomicLong();
  /** The tree's edge as last committed by this instance; reloaded when another writer moved the tree. */
  private TreeEdge edge;

  public TrailWriter(AuditStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public synchronized AppendResult append(List<IncomingEvent> events) {
    TreeEdge[] committed = new TreeEdge[1];
    List<DedupeConflict> alarms = new ArrayList<>();
    AppendResult result = store.write("append", write -> {
      Instant now = clock.instant();
      long size = write.treeSize();
      TreeEdge working = edgeAt(size, write);
      Map<String, List<Long>> seen = new HashMap<>();
      Map<Long, byte[]> leafAt = new HashMap<>();
      for (StoredRecord stored : write.recordsWithIds(distinctIds(events))) {
        seen.computeIfAbsent(key(stored.columns().source(), stored.columns().eventId()), k -> new ArrayList<>()).add(stored.sequence());
        leafAt.put(stored.sequence(), stored.leafHash());
      }
      List<NewRecord> records = new ArrayList<>(events.size());
      List<byte[]> leaves = new ArrayList<>(events.size());
      List<DedupeConflict> found = new ArrayList<>();
      int duplicates = 0;
      for (IncomingEvent event : events) {
        String key = key(event.source(), event.eventId());
        List<Long> same = seen.get(key);
        if (same != null && same.stream().anyMatch(s -> Arrays.equals(leafAt.get(s), event.leafHash()))) {
          duplicates++;
          continue;
        }
        long sequence = size + records.size() + 1;
        if (same != null) {
          found.add(new DedupeConflict(sequence, event.source(), event.eventId(), same.get(0), now));
        }
        seen.computeIfAbsent(key, k -> new ArrayList<>()).add(sequence);
        leafAt.put(sequence, event.leafHash());
        records.add(new NewRecord(sequence, event));
        leaves.add(event.leafHash());
      }
      if (!records.isEmpty()) {
        write.insertRecords(records, now);
        write.putTiles(working.append(leaves));
      }
      if (!found.isEmpty()) {
        write.insertConflicts(found);
      }
      alarms.addAll(found);
      committed[0] = working;
      return new AppendResult(records.size(), duplicates, found.size(), working.size());
    });
    edge = committed[0];
    conflicts.addAndGet(alarms.size());
    logConflicts(alarms);
    return result;
  }

  /** Logs each conflict once it is committed: names source and id, never content. */
  private static void logConflicts(List<DedupeConflict> found) {
    for (DedupeConflict c : found) {
      LOG.warn("ALARM: event id {} from {} arrived again with different content; both are kept (records {} and {})",
          c.eventId(), c.source(), c.firstSequence(), c.sequence());
    }
  }

  /** Conflicting redeliveries appended by this instance since start. */
  public long conflicts() {
    return conflicts.get();
  }

  /**
   * Signs the current tree head and stores the note, unless a note covers that size already. The signature is
   * made outside the write transaction (a KMS may take its time); the head at a size never changes, so the note
   * is stored only if nothing newer was stored meanwhile.
   */
  public Optional<StoredNote> checkpoint(LogSigner signer, String origin) {
    Optional<Checkpoint> head;
    // The writer's monitor first, then the connection: the same order as append, so the two never deadlock.
    synchronized (this) {
      head = store.write("reading the tree head", write -> {
        long size = write.treeSize();
        OptionalLong newest = write.newestNoteSize();
        if (size == 0 || newest.isPresent() && newest.getAsLong() >= size) {
          return Optional.<Checkpoint>empty();
        }
        return Optional.of(new Checkpoint(origin, size, edgeAt(size, write).root()));
      });
    }
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Checkpoint checkpoint = head.get();
    StoredNote note = new StoredNote(checkpoint.size(), checkpoint.rootHash(), SignedNote.sign(checkpoint, signer), clock.instant());
    return store.write("storing a checkpoint", write -> {
      OptionalLong newest = write.newestNoteSize();
      if (newest.isPresent() && newest.getAsLong() >= note.treeSize()) {
        return Optional.empty();
      }
      write.insertNote(note);
      return Optional.of(note);
    });
  }

  /**
   * Removes record bodies older than {@code cutoff}, only up to the size of the newest note signed before it: a
   * published signature then commits to every removed record, and the tree keeps their hashes.
   */
  public PruneResult prune(Instant cutoff) {
    return store.write("prune", write -> {
      OptionalLong covered = write.newestNoteSizeSignedBefore(cutoff);
      if (covered.isEmpty()) {
        return new PruneResult(0, null);
      }
      return new PruneResult(write.pruneRecordsThrough(covered.getAsLong()), covered.getAsLong());
    });
  }

  private TreeEdge edgeAt(long size, AuditStore.TrailWrite write) {
    if (edge != null && edge.size() == size) {
      return edge.copy();
    }
    return TreeEdge.of(size, (level, index, width) -> write.tile(level, index)
        .orElseThrow(() -> new IllegalStateException("the stored tree lacks tile " + level + "/" + index)));
  }

  private static List<String> distinctIds(List<IncomingEvent> events) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    events.forEach(e -> ids.add(e.eventId()));
    return new ArrayList<>(ids);
  }

  private static String key(String source, String eventId) {
    return source + "\u0000" + eventId;
  }

  /** Tiles a test can look at: the edge as this writer last committed it. */
  synchronized List<Tile> edgeTiles() {
    return edge == null ? List.of() : List.copyOf(edge.copy().append(List.of()));
  }
}
