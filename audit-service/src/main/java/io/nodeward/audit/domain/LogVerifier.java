package io.nodeward.audit.domain;

import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.InvalidNoteException;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.Tile;
import io.nodeward.audit.domain.log.TreeEdge;
import io.nodeward.audit.domain.log.VerifierKey;
import io.nodeward.events.EventCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks a stored log end to end, streaming: every record is re-hashed and compared with its leaf in the stored
 * tiles (and its indexed columns with its content), the tree is rebuilt from those leaves, every signed note must
 * verify with the log's key and carry the rebuilt root at its size, and so must the newest checkpoint published
 * outside the database. Pure: the same walk runs in the service, the command line and the tests.
 *
 * <p>How a mismatch is named: a record whose successor carries its leaf was INSERTED; two records holding each
 * other's leaves were REORDERED; any other content change is ALTERED; a missing sequence not explained by retention
 * was DELETED, as are records a signed or published size says exist but the database lacks.
 */
public final class LogVerifier {

  /** Leaves buffered before they go into the rebuilt tree: fewer, larger appends. */
  private static final int BATCH = 4096;

  private final VerifierKey key;
  private final String origin;
  private final Function<String, RecordColumns> columnsOf;

  /** @param columnsOf derives a record's columns from its canonical JSON (throws if it is not a valid event) */
  public LogVerifier(VerifierKey key, String origin, Function<String, RecordColumns> columnsOf) {
    this.key = Objects.requireNonNull(key);
    this.origin = Objects.requireNonNull(origin);
    this.columnsOf = Objects.requireNonNull(columnsOf);
  }

  /** A verifier that derives columns by decoding (and schema-validating) the stored JSON with {@code codec}. */
  public static LogVerifier create(VerifierKey key, String origin, EventCodec codec) {
    return new LogVerifier(key, origin, json -> RecordColumns.fromCanonicalJson(codec, json));
  }

  /** @param published the newest checkpoint published outside the database (already signature-checked), or null */
  public VerificationReport verify(LogContents contents, Checkpoint published) {
    return new Walk(contents, published).run();
  }

  private final class Walk {
    private final LogContents contents;
    private final Checkpoint published;
    private final Deque<StoredRecord> ahead = new ArrayDeque<>();
    private final TreeEdge rebuilt = TreeEdge.empty();
    private final List<byte[]> pending = new ArrayList<>(BATCH);
    private final Map<String, Tile> rebuiltUpper = new HashMap<>();
    private StoredNote nextNote;
    private Tile level0;
    private Tile firstUpper;
    private long recordsChecked;
    private long prunedLeaves;
    private long checkpointsChecked;
    private byte[] publishedRoot;

    Walk(LogContents contents, Checkpoint published) {
      this.contents = contents;
      this.published = published;
    }

    VerificationReport run() {
      Finding finding = walk();
      flush();
      return new VerificationReport(contents.treeSize(), rebuilt.root(), recordsChecked, prunedLeaves, checkpointsChecked,
          published == null ? null : published.size(), finding);
    }

    private Finding walk() {
      nextNote = contents.notes().hasNext() ? contents.notes().next() : null;
      long size = contents.treeSize();
      for (long index = 0; index < size; index++) {
        long sequence = index + 1;
        byte[] stored = storedLeaf(index);
        if (stored == null) {
          return new Finding(sequence, Tampering.TREE_MISMATCH, "the stored tree has no leaf " + index
              + " although its size is " + size);
        }
        StoredRecord record = peek(0);
        while (record != null && record.sequence() < sequence) {
          take();
          if (record.sequence() > contents.prunedThrough()) {
            return new Finding(record.sequence(), Tampering.INSERTED, "record " + record.sequence() + " appears twice");
          }
          record = peek(0);
        }
        byte[] leaf;
        if (record != null && record.sequence() == sequence) {
          Finding bad = checkRecord(record, index, stored);
          if (bad != null) {
            return bad;
          }
          take();
          recordsChecked++;
          leaf = stored;
        } else if (sequence <= contents.prunedThrough()) {
          prunedLeaves++;
          leaf = stored;
        } else {
          String next = record == null ? "the records end at " + (sequence - 1) : "the next stored record is " + record.sequence();
          return new Finding(sequence, Tampering.DELETED, "record " + sequence + " is missing (" + next + ")");
        }
        pending.add(leaf);
        Finding atBoundary = boundary(sequence);
        if (atBoundary != null) {
          return atBoundary;
        }
      }
      flush();
      return afterTheTree(size);
    }

    /** Content and columns of the record at {@code index}, whose stored leaf is {@code stored}. */
    private Finding checkRecord(StoredRecord record, long index, byte[] stored) {
      long sequence = record.sequence();
      byte[] leaf = record.leafHash();
      if (!Arrays.equals(leaf, stored)) {
        StoredRecord after = peek(1);
        if (after != null && Arrays.equals(after.leafHash(), stored)) {
          byte[] storedNext = storedLeafOrNull(index + 1);
          if (storedNext != null && Arrays.equals(leaf, storedNext)) {
            return new Finding(sequence, Tampering.REORDERED, "records " + sequence + " and " + after.sequence()
                + " hold each other's leaves: they were moved");
          }
          return new Finding(sequence, Tampering.INSERTED, "record " + sequence + " is not in the tree; the record after it "
              + "holds its leaf: it was inserted");
        }
        return new Finding(sequence, Tampering.ALTERED, "record " + sequence + " no longer hashes to its leaf: its content was changed");
      }
      RecordColumns derived;
      try {
        derived = columnsOf.apply(record.canonicalJson());
      } catch (RuntimeException e) {
        derived = null;
      }
      if (!Objects.equals(derived, record.columns())) {
        return new Finding(sequence, Tampering.ALTERED, "record " + sequence + " has indexed columns that differ from its content");
      }
      return null;
    }

    /** After leaf {@code size - 1}: the notes (and the published checkpoint) at this size must carry the root. */
    private Finding boundary(long size) {
      boolean noteHere = nextNote != null && nextNote.treeSize() == size;
      boolean publishedHere = published != null && published.size() == size;
      if (!noteHere && !publishedHere) {
        if (pending.size() >= BATCH) {
          flush();
        }
        return null;
      }
      flush();
      byte[] root = rebuilt.root();
      if (publishedHere) {
        publishedRoot = root;
        checkpointsChecked++;
        if (!Arrays.equals(root, published.rootHash())) {
          return new Finding(size, Tampering.CHECKPOINT_MISMATCH, "the checkpoint published outside the database signs a "
              + "different root at " + size + " records: the log was rewritten");
        }
      }
      while (nextNote != null && nextNote.treeSize() == size) {
        Finding bad = checkNote(nextNote, root);
        if (bad != null) {
          return bad;
        }
        nextNote = contents.notes().hasNext() ? contents.notes().next() : null;
      }
      return null;
    }

    private Finding checkNote(StoredNote note, byte[] root) {
      checkpointsChecked++;
      Checkpoint signed;
      try {
        signed = SignedNote.open(note.note(), key);
      } catch (InvalidNoteException e) {
        return new Finding(note.treeSize(), Tampering.CHECKPOINT_INVALID, "the checkpoint at " + note.treeSize()
            + " records does not verify: " + e.getMessage());
      }
      if (!signed.origin().equals(origin) || signed.size() != note.treeSize() || !Arrays.equals(signed.rootHash(), note.rootHash())) {
        return new Finding(note.treeSize(), Tampering.CHECKPOINT_INVALID, "the checkpoint stored at " + note.treeSize()
            + " records signs another log, size or root than it is filed under");
      }
      if (!Arrays.equals(root, signed.rootHash())) {
        return new Finding(note.treeSize(), Tampering.CHECKPOINT_MISMATCH, "the signed root at " + note.treeSize()
            + " records is not the root of the records: history was rewritten");
      }
      return null;
    }

    /** Records beyond the tree, notes or a published checkpoint beyond it, and the stored upper tiles. */
    private Finding afterTheTree(long size) {
      StoredRecord beyond = peek(0);
      if (beyond != null) {
        return new Finding(beyond.sequence(), Tampering.INSERTED, "record " + beyond.sequence() + " is beyond the tree of "
            + size + " leaves: it was added behind the log's back");
      }
      if (nextNote != null) {
        return new Finding(size + 1, Tampering.DELETED, "a checkpoint signs " + nextNote.treeSize() + " records but the log holds "
            + size + ": records from " + (size + 1) + " were deleted");
      }
      if (published != null && published.size() > size) {
        return new Finding(size + 1, Tampering.DELETED, "the checkpoint published outside the database signs "
            + published.size() + " records but the log holds " + size + ": records from " + (size + 1) + " were deleted");
      }
      return upperTiles(size);
    }

    private Finding upperTiles(long size) {
      Map<String, Tile> expected = new HashMap<>(rebuiltUpper);
      for (Tile edge : rebuilt.append(List.of())) {
        if (edge.level() > 0) {
          expected.put(edge.level() + "/" + edge.index(), edge);
        }
      }
      Iterator<Tile> tiles = contents.tiles();
      Tile tile = firstUpper;
      while (tile != null || tiles.hasNext()) {
        if (tile == null) {
          tile = tiles.next();
        }
        if (tile.level() > 0) {
          Tile wanted = expected.remove(tile.level() + "/" + tile.index());
          if (wanted == null || !wanted.equals(tile)) {
            return new Finding(Math.min(size, tile.firstEntry() << (Tile.HEIGHT * tile.level())) + 1, Tampering.TREE_MISMATCH,
                "stored subtree hashes at level " + tile.level() + " (tile " + tile.index() + ") do not match the records");
          }
        }
        tile = null;
      }
      if (!expected.isEmpty()) {
        Tile missing = expected.values().iterator().next();
        return new Finding(size, Tampering.TREE_MISMATCH, "the stored tree lacks subtree hashes at level " + missing.level());
      }
      return null;
    }

    private void flush() {
      if (pending.isEmpty()) {
        return;
      }
      Collection<Tile> changed = rebuilt.append(new ArrayList<>(pending));
      pending.clear();
      for (Tile tile : changed) {
        if (tile.level() > 0 && tile.full()) {
          rebuiltUpper.put(tile.level() + "/" + tile.index(), tile);
        }
      }
    }

    private byte[] storedLeaf(long index) {
      while (level0 == null || level0.level() != 0 || level0.firstEntry() + level0.width() <= index) {
        if (!contents.tiles().hasNext()) {
          return null;
        }
        Tile next = contents.tiles().next();
        if (next.level() != 0) {
          firstUpper = next;
          return null;
        }
        level0 = next;
      }
      if (level0.firstEntry() > index) {
        return null;
      }
      return level0.hash((int) (index - level0.firstEntry()));
    }

    /** The stored leaf right after the current tile position, if it is in the tile at hand (lookahead only). */
    private byte[] storedLeafOrNull(long index) {
      if (level0 != null && index >= level0.firstEntry() && index < level0.firstEntry() + level0.width()) {
        return level0.hash((int) (index - level0.firstEntry()));
      }
      return null;
    }

    private StoredRecord peek(int position) {
      while (ahead.size() <= position && contents.records().hasNext()) {
        ahead.addLast(contents.records().next());
      }
      if (ahead.size() <= position) {
        return null;
      }
      return position == 0 ? ahead.peekFirst() : new ArrayList<>(ahead).get(position);
    }

    private void take() {
      ahead.pollFirst();
    }
  }
}
