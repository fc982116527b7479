package io.nodeward.audit.testing;

import io.nodeward.audit.domain.ChainHead;
import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.CheckpointSigner;
import io.nodeward.audit.domain.HashChain;
import io.nodeward.audit.domain.RecordColumns;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.events.AuditCheckpoint;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An in-memory trail built exactly as the stores build it, for tampering in domain tests. */
public final class Trail {

  public static final EventCodec CODEC = new EventCodec();

  public final List<StoredRecord> records = new ArrayList<>();
  public final List<AuditCheckpoint> checkpoints = new ArrayList<>();
  public final KeyPair key;
  private final CheckpointSigner signer;

  public Trail(KeyPair key) {
    this.key = key;
    this.signer = new CheckpointSigner(key);
  }

  public Trail append(List<CloudEvent<?>> events) {
    for (CloudEvent<?> event : events) {
      ChainHead head = head();
      String json = CODEC.canonical(event);
      records.add(new StoredRecord(head.sequence() + 1, RecordColumns.of(event), json, head.hash(),
          HashChain.link(head.hash(), json)));
    }
    return this;
  }

  public Trail checkpoint() {
    checkpoints.add(signer.sign(head(), Instant.parse("2026-11-24T12:00:00Z")));
    return this;
  }

  public ChainHead head() {
    if (records.isEmpty()) {
      return ChainHead.GENESIS;
    }
    StoredRecord last = records.get(records.size() - 1);
    return new ChainHead(last.sequence(), last.hash());
  }

  public StoredRecord at(long sequence) {
    return records.stream().filter(r -> r.sequence() == sequence).findFirst().orElseThrow();
  }

  public void replace(long sequence, StoredRecord record) {
    records.replaceAll(r -> r.sequence() == sequence ? record : r);
  }

  public VerificationReport verify() {
    ChainVerifier verifier = new ChainVerifier(key.getPublic(), json -> RecordColumns.fromCanonicalJson(CODEC, json));
    List<StoredRecord> sorted = records.stream().sorted(java.util.Comparator.comparingLong(StoredRecord::sequence)).toList();
    return verifier.verify(sorted.iterator(), checkpoints.iterator());
  }
}
