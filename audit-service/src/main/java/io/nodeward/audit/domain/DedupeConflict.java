package io.nodeward.audit.domain;

import java.time.Instant;

/**
 * The same (source, id) arrived with different content: the record at {@code sequence} differs from the one first
 * stored at {@code firstSequence}. Both are kept; this is the alarm's evidence.
 */
public record DedupeConflict(long sequence, String source, String eventId, long firstSequence, Instant detectedAt) {
}
