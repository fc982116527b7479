package io.nodeward.audit.domain;

/** The first bad place of the trail: the sequence it concerns, what is wrong and a sentence for a person. */
public record Finding(long sequence, Tampering kind, String detail) {
}
