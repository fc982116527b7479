package io.nodeward.audit.domain;

import io.nodeward.audit.domain.log.Tile;
import java.util.Iterator;

/**
 * Everything the verifier reads from a store, as streams: the stored tree size, how far retention removed bodies,
 * the records and the tiles (level 0 first, then upwards, each level by index) and the signed notes by size.
 */
public record LogContents(long treeSize, long prunedThrough, Iterator<StoredRecord> records, Iterator<Tile> tiles,
    Iterator<StoredNote> notes) {
}
