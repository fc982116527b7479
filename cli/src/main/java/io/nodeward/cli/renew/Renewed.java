package io.nodeward.cli.renew;

import java.time.Instant;

/** One renewal's outcome: the serial renewed, the new serial and window, and whether the key is new. */
public record Renewed(String nodeId, String previousSerial, String serial, Instant notBefore, Instant notAfter,
    boolean newKey) {
}
