package io.nodeward.audit.domain;

import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.EventCodec;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Function;

/**
 * Recomputes the hash chain over stored records (ascending sequence) and checks the signed checkpoints against it,
 * stopping at the first bad sequence. Pure: the rows come from any iterator, so the same logic runs in the service's
 * verify endpoint, the command-line verifier and the domain tests.
 *
 * <p>How a broken link is classified: a record whose content does not give its own hash was ALTERED; a missing
 * sequence was DELETED; a record chaining onto a record stored after it was REORDERED; a record chaining onto an
 * earlier record than its predecessor means the records in between were INSERTED; any other break means the
 * record does not belong where it is (INSERTED).
 */
public final class ChainVerifier {

  /** How many earlier hashes are remembered to recognise a block of inserted records. */
  private static final int MEMORY = 64;

  private final PublicKey checkpointKey;
  private final Function<String, RecordColumns> columnsOf;

  /**
   * @param columnsOf derives a record's columns from its canonical JSON (throws if the JSON is not a valid event)
   */
  public ChainVerifier(PublicKey checkpointKey, Function<String, RecordColumns> columnsOf) {
    this.checkpointKey = Objects.requireNonNull(checkpointKey);
    this.columnsOf = Objects.requireNonNull(columnsOf);
  }

  /** A verifier that derives columns by decoding (and schema-validating) the stored JSON with {@code codec}. */
  public static ChainVerifier create(PublicKey checkpointKey, EventCodec codec) {
    return new ChainVerifier(checkpointKey, json -> RecordColumns.fromCanonicalJson(codec, json));
  }

  public VerificationReport verify(Iterator<StoredRecord> records, Iterator<AuditCheckpoint> checkpoints) {
    return new Walk(records, checkpoints).run();
  }

  private final class Walk {
    private final Iterator<StoredRecord> records;
    private final Iterator<AuditCheckpoint> checkpoints;
    private final Deque<ChainHead> recent = new ArrayDeque<>();
    private AuditCheckpoint nextCheckpoint;
    private ChainHead lastVerifiedCheckpoint;
    private long recordsChecked;
    private long checkpointsChecked;
    private ChainHead anchor;
    private ChainHead head;

    Walk(Iterator<StoredRecord> records, Iterator<AuditCheckpoint> checkpoints) {
      this.records = records;
      this.checkpoints = checkpoints;
    }

    VerificationReport run() {
      Finding finding = walk();
      return new VerificationReport(recordsChecked, checkpointsChecked, anchor, head, finding);
    }

    private Finding walk() {
      nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
      if (!records.hasNext()) {
        return emptyTrail();
      }
      StoredRecord first = records.next();
      Finding finding = chooseAnchor(first);
      if (finding != null) {
        return finding;
      }
      StoredRecord record = first;
      while (true) {
        finding = check(record);
        if (finding != null) {
          return finding;
        }
        if (!records.hasNext()) {
          break;
        }
        record = records.next();
      }
      return remainingCheckpoints();
    }

    /** Genesis if record 1 is kept, else the oldest kept checkpoint, which must sign the record just before. */
    private Finding chooseAnchor(StoredRecord first) {
      if (first.sequence() == 1) {
        anchor = ChainHead.GENESIS;
      } else if (nextCheckpoint != null && nextCheckpoint.sequence() == first.sequence() - 1) {
        Finding invalid = checkSignature(nextCheckpoint);
        if (invalid != null) {
          return invalid;
        }
        anchor = new ChainHead(nextCheckpoint.sequence(), nextCheckpoint.headHash());
        lastVerifiedCheckpoint = anchor;
        nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
      } else {
        anchor = ChainHead.GENESIS;
        head = anchor;
        long missing = nextCheckpoint != null && nextCheckpoint.sequence() < first.sequence() ? nextCheckpoint.sequence() + 1 : 1;
        return new Finding(missing, Tampering.DELETED,
            "the oldest kept record is " + first.sequence() + " but no kept checkpoint anchors it: records from " + missing + " are missing");
      }
      head = anchor;
      remember(anchor);
      return null;
    }

    private Finding check(StoredRecord record) {
      long expected = head.sequence() + 1;
      if (record.sequence() > expected) {
        return new Finding(expected, Tampering.DELETED,
            "record " + expected + " is missing (the next stored record is " + record.sequence() + ")");
      }
      if (record.sequence() < expected) {
        return new Finding(record.sequence(), Tampering.INSERTED, "record " + record.sequence() + " appears twice");
      }
      Finding content = checkContent(record);
      if (content != null) {
        return content;
      }
      if (!record.prevHash().equals(head.hash())) {
        return brokenLink(record);
      }
      recordsChecked++;
      head = new ChainHead(record.sequence(), record.hash());
      remember(head);
      return checkpointsUpTo(record);
    }

    private Finding checkContent(StoredRecord record) {
      if (!HashChain.isHash(record.prevHash()) || !HashChain.isHash(record.hash())
          || !HashChain.link(record.prevHash(), record.canonicalJson()).equals(record.hash())) {
        return new Finding(record.sequence(), Tampering.ALTERED,
            "record " + record.sequence() + " no longer matches its hash: its content was changed");
      }
      RecordColumns derived;
      try {
        derived = columnsOf.apply(record.canonicalJson());
      } catch (RuntimeException e) {
        derived = null;
      }
      if (!Objects.equals(derived, record.columns())) {
        return new Finding(record.sequence(), Tampering.ALTERED,
            "record " + record.sequence() + " has indexed columns that differ from its hashed content");
      }
      return null;
    }

    private Finding brokenLink(StoredRecord record) {
      String wanted = record.prevHash();
      for (ChainHead earlier : recent) {
        if (earlier.hash().equals(wanted) && earlier.sequence() < head.sequence()) {
          long inserted = earlier.sequence() + 1;
          return new Finding(inserted, Tampering.INSERTED, "records " + inserted + " to " + (record.sequence() - 1)
              + " were inserted: record " + record.sequence() + " chains onto record " + earlier.sequence());
        }
      }
      while (records.hasNext()) {
        StoredRecord later = records.next();
        if (later.hash().equals(wanted)) {
          return new Finding(record.sequence(), Tampering.REORDERED, "record " + record.sequence()
              + " chains onto record " + later.sequence() + ", which is stored after it: records were moved");
        }
      }
      return new Finding(record.sequence(), Tampering.INSERTED, "record " + record.sequence()
          + " does not chain onto record " + head.sequence() + ": it was inserted (or its predecessor rewritten)");
    }

    private Finding checkpointsUpTo(StoredRecord record) {
      while (nextCheckpoint != null && nextCheckpoint.sequence() <= record.sequence()) {
        AuditCheckpoint checkpoint = nextCheckpoint;
        nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
        Finding invalid = checkSignature(checkpoint);
        if (invalid != null) {
          return invalid;
        }
        if (checkpoint.sequence() < anchor.sequence()) {
          continue;
        }
        ChainHead at = find(checkpoint.sequence());
        if (at == null || !at.hash().equals(checkpoint.headHash())) {
          long from = lastVerifiedCheckpoint == null ? 1 : lastVerifiedCheckpoint.sequence() + 1;
          return new Finding(from, Tampering.CHECKPOINT_MISMATCH, "the chain no longer reaches the hash signed at record "
              + checkpoint.sequence() + ": records " + from + " to " + checkpoint.sequence() + " were rewritten");
        }
        lastVerifiedCheckpoint = at;
      }
      return null;
    }

    private Finding checkSignature(AuditCheckpoint checkpoint) {
      checkpointsChecked++;
      if (!CheckpointKeys.verify(checkpoint, checkpointKey)) {
        return new Finding(checkpoint.sequence(), Tampering.CHECKPOINT_INVALID,
            "the checkpoint at record " + checkpoint.sequence() + " is not signed by the trusted key");
      }
      return null;
    }

    /** Checkpoints beyond the last record mean the tail of the trail was cut off. */
    private Finding remainingCheckpoints() {
      if (nextCheckpoint == null) {
        return null;
      }
      Finding invalid = checkSignature(nextCheckpoint);
      if (invalid != null) {
        return invalid;
      }
      long missing = head.sequence() + 1;
      return new Finding(missing, Tampering.DELETED, "a checkpoint signs record " + nextCheckpoint.sequence()
          + " but the trail ends at " + head.sequence());
    }

    private Finding emptyTrail() {
      anchor = ChainHead.GENESIS;
      if (nextCheckpoint == null) {
        head = anchor;
        return null;
      }
      // Pruned up to the newest checkpoint: only it remains, and it must be genuine.
      AuditCheckpoint only = nextCheckpoint;
      Finding invalid = checkSignature(only);
      if (invalid != null) {
        head = anchor;
        return invalid;
      }
      anchor = new ChainHead(only.sequence(), only.headHash());
      head = anchor;
      nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
      return remainingCheckpoints();
    }

    private void remember(ChainHead link) {
      recent.addFirst(link);
      if (recent.size() > MEMORY) {
        recent.removeLast();
      }
    }

    private ChainHead find(long sequence) {
      for (ChainHead link : recent) {
        if (link.sequence() == sequence) {
          return link;
        }
      }
      return null;
    }
  }
}
