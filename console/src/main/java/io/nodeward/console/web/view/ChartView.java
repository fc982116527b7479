package io.nodeward.console.web.view;

import java.util.List;

/**
 * A time chart: the data uPlot draws (JSON in a data attribute, read by console.js) and the same numbers as a table
 * for people who do not see the chart.
 */
public record ChartView(String id, String title, String json, List<String> labels, List<Row> rows, List<Long> totals,
    long total) {

  /** One bucket: its time and a count per series. */
  public record Row(String time, List<Long> counts) {
  }
}
