package io.nodeward.console.web.view;

import java.util.List;

/** The auditor's search: every filter of the audit API, one page of records, exports of the same filter. */
public record AuditSearchView(Chrome chrome, Filters filters, List<String> types, List<String> reasons, List<String> errors,
    List<AuditRow> rows, String nextPage, String firstPage, String exportCsv, String exportNdjson) {

  /** The filters as the form shows them. */
  public record Filters(String type, String userId, String nodeId, String serial, String effect, String reason, String from,
      String to) {
  }
}
