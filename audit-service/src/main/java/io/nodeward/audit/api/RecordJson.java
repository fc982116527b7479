package io.nodeward.audit.api;

import io.nodeward.audit.domain.RecordColumns;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryRow;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.audit.app.LogProofs;
import io.nodeward.audit.domain.Tampering;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;

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
    return json.put("leafIndex", r.leafIndex()).put("leafHash", Base64.getEncoder().encodeToString(r.leafHash()))
        .put("event", new JsonObject(r.canonicalJson()));
  }

  static JsonObject summary(SummaryRow row) {
    return new JsonObject().put("bucket", row.bucketStart().toString()).put("key", row.key()).put("count", row.count());
  }

  static JsonObject verification(VerificationReport report) {
    JsonObject json = new JsonObject()
        .put("status", report.intact() ? "INTACT" : "TAMPERED")
        .put("intact", report.intact())
        .put("treeSize", report.treeSize())
        .put("rootHash", Base64.getEncoder().encodeToString(report.rootHash()))
        .put("recordsChecked", report.recordsChecked())
        .put("prunedLeaves", report.prunedLeaves())
        .put("checkpointsChecked", report.checkpointsChecked())
        .put("publishedCheckpoint", report.publishedSize() == null ? null : new JsonObject()
            .put("treeSize", report.publishedSize())
            .put("consistent", report.intact() || report.finding().kind() != Tampering.CHECKPOINT_MISMATCH
                && report.finding().kind() != Tampering.DELETED));
    report.firstProblem().ifPresent(f -> json.put("firstProblem",
        new JsonObject().put("sequence", f.sequence()).put("kind", f.kind().name()).put("detail", f.detail())));
    return json;
  }

  static JsonObject inclusion(LogProofs.Inclusion proof) {
    return new JsonObject().put("leafIndex", proof.leafIndex()).put("sequence", proof.sequence()).put("treeSize", proof.treeSize())
        .put("leafHash", base64(proof.leafHash())).put("hashes", hashes(proof.hashes()));
  }

  static JsonObject consistency(LogProofs.Consistency proof) {
    return new JsonObject().put("from", proof.from()).put("to", proof.to()).put("hashes", hashes(proof.hashes()));
  }

  private static JsonArray hashes(List<byte[]> hashes) {
    JsonArray array = new JsonArray();
    hashes.forEach(h -> array.add(base64(h)));
    return array;
  }

  private static String base64(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }

  private static void putIfSet(JsonObject json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
