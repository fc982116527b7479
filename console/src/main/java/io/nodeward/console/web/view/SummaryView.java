package io.nodeward.console.web.view;

import java.util.List;

/** Summary charts of the audit trail over a period: by node, user, effect and reason. */
public record SummaryView(Chrome chrome, String range, List<Range> ranges, String type, List<String> types, List<ChartView> charts) {

  /** A period to choose. */
  public record Range(String value, String label) {
  }
}
