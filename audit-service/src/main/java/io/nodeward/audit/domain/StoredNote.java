package io.nodeward.audit.domain;

import io.nodeward.audit.domain.log.MerkleHash;
import java.time.Instant;
import java.util.Arrays;

/** A signed checkpoint as kept in the database: the note text with its size, root and when it was signed. */
public record StoredNote(long treeSize, byte[] rootHash, String note, Instant signedAt) {

  public StoredNote {
    if (treeSize < 1 || rootHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("a stored note covers at least one leaf and has a 32-byte root");
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredNote n && n.treeSize == treeSize && Arrays.equals(n.rootHash, rootHash) && n.note.equals(note)
        && n.signedAt.equals(signedAt);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(treeSize) * 31 + note.hashCode();
  }
}
