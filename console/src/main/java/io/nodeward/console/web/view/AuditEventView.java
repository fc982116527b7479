package io.nodeward.console.web.view;

import java.util.List;

/** One audit record: where it is in the log, its hashes, and the stored CloudEvent. */
public record AuditEventView(Chrome chrome, AuditRow row, String eventId, String source, String subject, List<Fact> hashes,
    String eventJson, String newer, String older) {

  /** A labelled value. */
  public record Fact(String label, String value) {
  }
}
