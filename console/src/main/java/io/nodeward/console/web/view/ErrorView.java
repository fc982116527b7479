package io.nodeward.console.web.view;

/** A page that explains what went wrong: status, title, a sentence, the stable code, and where to go next. */
public record ErrorView(Chrome chrome, int status, String title, String sentence, String code, String retryPath,
    String retryLabel) {
}
