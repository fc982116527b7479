package io.nodeward.console.web.view;

/** The confirmation step of a revocation. */
public record RevokeView(Chrome chrome, String serial, String nodeId, String reason, String reasonLabel) {
}
