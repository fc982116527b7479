package io.nodeward.console.web.view;

import java.util.List;

/**
 * Access history: the gateway's decisions on the user's requests, a live allow/deny-per-hour chart, filters.
 *
 * @param livePath the fragment the page polls for news; null on later pages, which do not change
 */
public record AccessView(Chrome chrome, List<String> nodeIds, String nodeId, String effect, String reason, String serial,
    String from, String to, List<String> errors, Live live, String nextPage, String firstPage) {

  /** The part of the page that updates itself: the chart and the newest decisions. */
  public record Live(String livePath, String triggerEvery, ChartView chart, List<AuditRow> rows, String updatedAt) {
  }

  public static final List<String> DECISION_REASONS = List.of("ALLOWED", "UNKNOWN_CERTIFICATE", "REVOKED", "EXPIRED",
      "NOT_YET_VALID", "NODE_MISMATCH", "NODE_NOT_PROVISIONED", "NOT_OWNER", "ALLOWLIST_STALE", "INVALID_IDENTITY",
      "INVALID_TARGET");
}
