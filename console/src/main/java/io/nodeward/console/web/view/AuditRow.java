package io.nodeward.console.web.view;

/** One audit record as a table row. */
public record AuditRow(long sequence, String time, String type, String userId, String nodeId, String serial, String effect,
    String reason) {

  /** Long ids shortened for the table (the full value is the title and on the record's page). */
  public static String shortId(String value, int keep) {
    return value == null || value.length() <= keep + 1 ? value : value.substring(0, keep) + "…";
  }

  public String effectClass() {
    return effect == null ? "other" : effect.toLowerCase();
  }
}
