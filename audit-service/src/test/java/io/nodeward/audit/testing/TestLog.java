package io.nodeward.audit.testing;

import io.nodeward.audit.domain.LogContents;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.RecordColumns;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.MerkleHash;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.domain.log.Tile;
import io.nodeward.audit.domain.log.TreeEdge;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/** An in-memory log built exactly as the store builds it (records, tiles, signed notes), for tampering in tests. */
public final class TestLog {

  public static final EventCodec CODEC = new EventCodec();
  public static final String ORIGIN = "nodeward.test/audit";

  public final List<StoredRecord> records = new ArrayList<>();
  public final TreeMap<String, Tile> tiles = new TreeMap<>();
  public final List<StoredNote> notes = new ArrayList<>();
  public final Ed25519KeySigner signer;
  public long prunedThrough;
  private final TreeEdge edge = TreeEdge.empty();

  public TestLog(Ed25519KeySigner signer) {
    this.signer = signer;
  }

  public TestLog append(List<CloudEvent<?>> events) {
    List<byte[]> leaves = new ArrayList<>();
    for (CloudEvent<?> event : events) {
      String json = CODEC.canonical(event);
      records.add(new StoredRecord(edge.size() + leaves.size() + 1, RecordColumns.of(event), json));
      leaves.add(MerkleHash.leaf(json.getBytes(StandardCharsets.UTF_8)));
    }
    for (Tile tile : edge.append(leaves)) {
      tiles.put(address(tile.level(), tile.index()), tile);
    }
    return this;
  }

  public TestLog checkpoint() {
    Checkpoint checkpoint = new Checkpoint(ORIGIN, edge.size(), edge.root());
    notes.add(new StoredNote(edge.size(), edge.root(), SignedNote.sign(checkpoint, signer), Instant.parse("2026-11-24T12:00:00Z")));
    return this;
  }

  public long size() {
    return edge.size();
  }

  public Checkpoint head() {
    return new Checkpoint(ORIGIN, edge.size(), edge.root());
  }

  public StoredRecord at(long sequence) {
    return records.stream().filter(r -> r.sequence() == sequence).findFirst().orElseThrow();
  }

  public void replace(long sequence, StoredRecord record) {
    records.replaceAll(r -> r.sequence() == sequence ? record : r);
  }

  public static String address(int level, long index) {
    return String.format("%03d/%020d", level, index);
  }

  public LogContents contents() {
    List<StoredRecord> sorted = records.stream().sorted(Comparator.comparingLong(StoredRecord::sequence)).toList();
    return new LogContents(edge.size(), prunedThrough, sorted.iterator(), new ArrayList<>(tiles.values()).iterator(),
        notes.stream().sorted(Comparator.comparingLong(StoredNote::treeSize)).toList().iterator());
  }

  public VerificationReport verify() {
    return verify(null);
  }

  public VerificationReport verify(Checkpoint published) {
    return LogVerifier.create(signer.verifierKey(), ORIGIN, CODEC).verify(contents(), published);
  }
}
