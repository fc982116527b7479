package io.nodeward.console.web;

import io.nodeward.console.domain.ChartData;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.ChartView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Chart data as the pages carry it: JSON for uPlot and the same numbers as table rows. */
final class Charts {

  private Charts() {
  }

  static ChartView view(String id, String title, String yLabel, ChartData data) {
    JsonArray series = new JsonArray();
    data.series().forEach(s -> series.add(new JsonObject().put("label", s.label()).put("values", new JsonArray(s.values()))));
    String json = new JsonObject().put("x", new JsonArray(data.x())).put("series", series).put("yLabel", yLabel).encode();
    List<ChartView.Row> rows = new ArrayList<>();
    for (int i = 0; i < data.x().size(); i++) {
      int at = i;
      List<Long> counts = data.series().stream().map(s -> s.values().get(at)).toList();
      if (counts.stream().anyMatch(c -> c > 0)) {
        rows.add(new ChartView.Row(Relative.utc(Instant.ofEpochSecond(data.x().get(i))), counts));
      }
    }
    return new ChartView(id, title, json, data.series().stream().map(ChartData.Series::label).toList(), rows,
        data.series().stream().map(ChartData.Series::total).toList(), data.total());
  }
}
