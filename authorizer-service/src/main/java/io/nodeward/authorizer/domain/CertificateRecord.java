package io.nodeward.authorizer.domain;

import java.time.Instant;

/** A certificate as the allow-list knows it from the certificates topic. Revocation is terminal. */
public record CertificateRecord(
    String serial,
    String userId,
    String nodeId,
    Instant notBefore,
    Instant notAfter,
    String fingerprintSha256,
    boolean revoked) {
}
