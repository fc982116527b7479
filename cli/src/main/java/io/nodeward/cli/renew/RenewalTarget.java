package io.nodeward.cli.renew;

import java.nio.file.Path;

/** The files a renewal reads and replaces: the certificate, its key, and the CA chain the issuer is verified with. */
public record RenewalTarget(Path certificate, Path key, Path caChain) {
}
