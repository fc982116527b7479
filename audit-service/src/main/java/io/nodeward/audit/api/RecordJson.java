package io.nodeward.audit.api;

import io.nodeward.audit.domain.RecordColumns;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.audit.domain.VerificationReport;
import io.vertx.core.json.JsonObject;

/** How records, summaries and verdicts look on the wire. Timestamps are RFC 3339 in UTC. */
final class RecordJson {

  private RecordJson() {
  }

  static JsonObject record(StoredRecord r) {
    RecordColumns c = r.columns();
    JsonObject json = new JsonObject()
        .put("sequence", r.sequence())
        .put("eventId", c.eventId())
        .put("type", c.type())
        .put("source", c.source())
        .put("time", c.time().toString())
        .put("subject", c.subject());
    putIfSet(json, "userId", c.userId());
    putIfSet(json, "nodeId", c.nodeId());
    putIfSet(json, "serial", c.serial());
    putIfSet(json, "effect", c.effect());
    putIfSet(json, "reason", c.reason());
    return json.put("prevHash", r.prevHash()).put("hash", r.hash()).put("event", new JsonObject(r.canonicalJson()));
  }

  static JsonObject summary(SummaryRow row) {
    return new JsonObject().put("bucket", row.bucketStart().toString()).put("key", row.key()).put("count", row.count());
  }

  static JsonObject verification(VerificationReport report) {
    JsonObject json = new JsonObject()
        .put("intact", report.intact())
        .put("recordsChecked", report.recordsChecked())
        .put("checkpointsChecked", report.checkpointsChecked())
        .put("anchor", new JsonObject().put("sequence", report.anchor().sequence()).put("hash", report.anchor().hash()))
        .put("head", new JsonObject().put("sequence", report.head().sequence()).put("hash", report.head().hash()));
    report.firstProblem().ifPresent(f -> json.put("firstProblem",
        new JsonObject().put("sequence", f.sequence()).put("kind", f.kind().name()).put("detail", f.detail())));
    return json;
  }

  private static void putIfSet(JsonObject json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
