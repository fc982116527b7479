package io.nodeward.audit.domain;

/**
 * One row of the audit trail as stored: its place in the chain, its indexed columns, the canonical JSON of the
 * event (what the hash covers) and its links.
 */
public record StoredRecord(long sequence, RecordColumns columns, String canonicalJson, String prevHash, String hash) {
}
