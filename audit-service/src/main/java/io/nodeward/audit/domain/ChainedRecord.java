package io.nodeward.audit.domain;

/** An incoming event with its place in the chain, about to be written: the unit the store inserts. */
public record ChainedRecord(long sequence, IncomingEvent event, String prevHash, String hash) {
}
