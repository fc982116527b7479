package io.nodeward.console.client;

import io.nodeward.console.domain.AuditFilter;
import io.nodeward.console.domain.AuditRecord;
import io.nodeward.console.domain.Integrity;
import io.nodeward.console.domain.Page;
import io.nodeward.console.domain.SummaryRow;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit API (see /work/team/contracts/audit-log.md), called with the user's own access token. */
public final class AuditClient {

  /** A summary request: counts per bucket of {@code bucket} ("hour"/"day"), grouped by node, user, effect or reason. */
  public record SummaryQuery(String groupBy, String bucket, Instant from, Instant to, String type) {
  }

  private final ApiClient api;

  public AuditClient(ApiClient api) {
    this.api = api;
  }

  public ApiClient api() {
    return api;
  }

  /** One page of records matching {@code filter}, newest first. */
  public Future<Page<AuditRecord>> events(String token, AuditFilter filter, String cursor, int limit) {
    MultiMap query = query(filter.apiQuery()).add("limit", Integer.toString(limit));
    if (cursor != null) {
      query.add("cursor", cursor);
    }
    return api.json(api.get("/v1/audit/events", token, query).send()).map(body -> {
      JsonArray items = body.getJsonArray("items", new JsonArray());
      List<AuditRecord> records = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        records.add(record(items.getJsonObject(i)));
      }
      return new Page<>(records, body.getString("nextCursor"));
    });
  }

  /** One record by its sequence; a record the user may not see is a 404 problem, as an unknown one. */
  public Future<AuditRecord> event(String token, long sequence) {
    return api.json(api.get("/v1/audit/events/" + sequence, token, null).send()).map(AuditClient::record);
  }

  public Future<List<SummaryRow>> summary(String token, SummaryQuery q) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap()
        .add("groupBy", q.groupBy()).add("bucket", q.bucket())
        .add("from", q.from().toString()).add("to", q.to().toString());
    if (q.type() != null) {
      query.add("type", q.type());
    }
    return api.json(api.get("/v1/audit/summary", token, query).send()).map(body -> {
      JsonArray rows = body.getJsonArray("rows", new JsonArray());
      List<SummaryRow> summary = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        JsonObject row = rows.getJsonObject(i);
        summary.add(new SummaryRow(Instant.parse(row.getString("bucket")), row.getString("key"), row.getLong("count", 0L)));
      }
      return summary;
    });
  }

  /** The integrity verdict, read tolerantly: the hash-chain shape (head, intact) and the Merkle-log shape. */
  public Future<Integrity> verify(String token) {
    return api.json(api.get("/v1/audit/verify", token, null).send()).map(AuditClient::integrity);
  }

  /** The newest signed checkpoint note; empty while none is signed (or the route is not there). */
  public Future<Optional<String>> checkpoint(String token) {
    return api.answered(api.get("/v1/audit/log/checkpoint", token, null).send())
        .map(response -> Optional.of(response.bodyAsString()))
        .recover(e -> e instanceof ApiProblem problem && problem.status() == 404
            ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(e));
  }

  static MultiMap query(Map<String, String> values) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap();
    values.forEach(query::add);
    return query;
  }

  static AuditRecord record(JsonObject json) {
    JsonObject event = json.getJsonObject("event");
    return new AuditRecord(json.getLong("sequence", 0L), json.getString("eventId"), json.getString("type"),
        json.getString("source"), json.getString("time") == null ? null : Instant.parse(json.getString("time")),
        json.getString("subject"), json.getString("userId"), json.getString("nodeId"), json.getString("serial"),
        json.getString("effect"), json.getString("reason"), json.getString("prevHash"), json.getString("hash"),
        json.getLong("leafIndex"), json.getString("leafHash"), event == null ? null : event.encodePrettily());
  }

  static Integrity integrity(JsonObject json) {
    JsonObject head = json.getJsonObject("head", new JsonObject());
    long size = json.containsKey("treeSize") ? json.getLong("treeSize") : head.getLong("sequence", 0L);
    String root = json.getString("rootHash", head.getString("hash"));
    boolean intact = json.containsKey("intact") ? json.getBoolean("intact") : "INTACT".equals(json.getString("status"));
    JsonObject problem = json.getJsonObject("firstProblem");
    JsonObject published = json.getJsonObject("publishedCheckpoint");
    return new Integrity(intact, size, root, json.getLong("recordsChecked", 0L), json.getLong("checkpointsChecked", 0L),
        problem == null ? null : new Integrity.Problem(problem.getLong("sequence", 0L), problem.getString("kind"),
            problem.getString("detail")),
        published == null ? null : published.getLong("treeSize"),
        published == null ? null : published.getBoolean("consistent"),
        null);
  }
}
