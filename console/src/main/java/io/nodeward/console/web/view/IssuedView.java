package io.nodeward.console.web.view;

/** A certificate issued for the person's own CSR: its chain, to download or copy. */
public record IssuedView(Chrome chrome, String serial, String nodeId, String notAfter, String chainPem) {
}
