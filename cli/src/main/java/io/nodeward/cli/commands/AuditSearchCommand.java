package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nodeward.cli.http.Api;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import io.nodeward.cli.output.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search the audit trail (auditors and admins see everything, owners their own records).",
        "Shows the newest --limit records, oldest first; --follow then keeps printing new ones as they arrive."})
public final class AuditSearchCommand extends BaseCommand {

  @Mixin
  AuditFilters filters;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many records (default: ${DEFAULT-VALUE}, at most 1000 a page).")
  int limit;

  @Option(names = {"-f", "--follow"}, description = "Keep running and print new records as they arrive.")
  boolean follow;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
      description = "How often --follow asks (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Override
  protected void execute() throws InterruptedException {
    Api audit = cli().audit();
    List<JsonNode> newest = newestFirst(audit, Math.max(1, limit), 0);
    List<JsonNode> shown = oldestFirst(newest);
    if (!follow) {
      ArrayNode items = Json.array();
      shown.forEach(items::add);
      output().result(Json.object().set("items", items), () -> print(shown, true));
      return;
    }
    print(shown, true);
    long last = newest.isEmpty() ? 0 : newest.get(0).path("sequence").asLong();
    while (true) {
      Thread.sleep(interval.toMillis());
      List<JsonNode> fresh = oldestFirst(newestFirst(audit, Integer.MAX_VALUE, last));
      print(fresh, false);
      if (!fresh.isEmpty()) {
        last = fresh.get(fresh.size() - 1).path("sequence").asLong();
      }
    }
  }

  /** Newest first, walking pages down until {@code max} records or a sequence at or below {@code after}. */
  private List<JsonNode> newestFirst(Api audit, int max, long after) {
    List<JsonNode> records = new ArrayList<>();
    String cursor = null;
    do {
      int page = (int) Math.min(1000, Math.max(1, max - records.size()));
      JsonNode answer = audit.get("/v1/audit/events" + filters.query(cli().clock().instant()).add("limit", page)
          .add("cursor", cursor));
      for (JsonNode record : answer.path("items")) {
        if (record.path("sequence").asLong() <= after || records.size() >= max) {
          return records;
        }
        records.add(record);
      }
      cursor = Json.text(answer, "nextCursor");
    } while (cursor != null);
    return records;
  }

  private static List<JsonNode> oldestFirst(List<JsonNode> newestFirst) {
    List<JsonNode> reversed = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(reversed);
    return reversed;
  }

  private void print(List<JsonNode> records, boolean header) {
    if (output().json()) {
      if (follow) {
        records.forEach(r -> output().event(r, null));
      }
      return;
    }
    if (records.isEmpty()) {
      if (header) {
        output().note(follow ? "No records yet; following..." : "No records.");
      }
      return;
    }
    Table table = Table.of("SEQ", "TIME", "TYPE", "USER", "NODE", "SERIAL", "EFFECT", "REASON");
    for (JsonNode r : records) {
      table.row(r.path("sequence").asText(), Json.text(r, "time"), shortType(Json.text(r, "type")), Json.text(r, "userId"),
          Json.text(r, "nodeId"), Json.text(r, "serial"), Json.text(r, "effect"), Json.text(r, "reason"));
    }
    if (header) {
      output().table(table);
    } else {
      // following: rows only, so the columns of later batches need not line up with the first
      StringBuilder lines = new StringBuilder();
      for (JsonNode r : records) {
        lines.append(String.join("  ", r.path("sequence").asText(), Json.text(r, "time"), shortType(Json.text(r, "type")),
            dash(Json.text(r, "userId")), dash(Json.text(r, "nodeId")), dash(Json.text(r, "serial")),
            dash(Json.text(r, "effect")), dash(Json.text(r, "reason")))).append('\n');
      }
      output().out().print(lines);
      output().out().flush();
    }
  }

  private static String dash(String value) {
    return value == null ? "-" : value;
  }

  /** {@code io.nodeward.access.decided.v1} → {@code access.decided}. */
  static String shortType(String type) {
    if (type == null) {
      return null;
    }
    return type.replaceFirst("^io\\.nodeward\\.", "").replaceFirst("\\.v\\d+$", "");
  }
}
