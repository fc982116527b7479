package io.nodeward.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Verifies a log export ({@code nodeward-audit-log/v1}: a header with the signed checkpoint, then one line per leaf)
 * with no server: the checkpoint's signature, every record's leaf hash recomputed from its CloudEvent (RFC 8785,
 * RFC 9162), leaf indexes without gaps, and the root over all leaves against the signed root. A pinned older
 * checkpoint is checked against the root of the export's first leaves. Memory stays O(log n).
 */
public final class LogExportVerifier {

  public static final String FORMAT = "nodeward-audit-log/v1";

  /** What was verified. */
  public record Verified(Checkpoint checkpoint, NoteKey key, long recordsRecomputed, long prunedLeaves,
      Checkpoint olderChecked) {
  }

  private LogExportVerifier() {
  }

  /** {@code older} may be null; {@code progress} receives the number of leaves read so far. */
  public static Verified verify(BufferedReader lines, TrustedKey key, Checkpoint older, LongConsumer progress)
      throws IOException {
    String headerLine = lines.readLine();
    JsonNode header = headerLine == null ? null : parseLine(headerLine, 1);
    if (header == null || !FORMAT.equals(Json.text(header, "format"))) {
      throw CliFailure.verification("NOT_A_LOG_EXPORT", "The file is not a verifiable log export (" + FORMAT
          + "); make one with 'nodeward audit export --format log'.");
    }
    Checkpoint checkpoint = LogVerifier.verifiedCheckpoint(Json.text(header, "checkpoint") == null ? ""
        : Json.text(header, "checkpoint"), key);
    if (!checkpoint.origin().equals(Json.text(header, "origin")) || checkpoint.treeSize() != header.path("treeSize").asLong(-1)) {
      throw CliFailure.verification("HEADER_MISMATCH", "The export's header does not match its signed checkpoint.");
    }
    if (older != null && (!older.origin().equals(checkpoint.origin()) || older.treeSize() > checkpoint.treeSize())) {
      throw CliFailure.verification(older.origin().equals(checkpoint.origin()) ? "LOG_TRUNCATED" : "ORIGIN_CHANGED",
          "The export (size " + checkpoint.treeSize() + " of '" + checkpoint.origin() + "') does not cover the pinned "
              + "checkpoint (size " + older.treeSize() + " of '" + older.origin() + "').");
    }
    CompactRange range = new CompactRange();
    long recomputed = 0;
    long pruned = 0;
    String line;
    long lineNumber = 1;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      JsonNode leaf = parseLine(line, lineNumber);
      long index = range.size();
      if (index >= checkpoint.treeSize()) {
        throw CliFailure.verification("EXTRA_RECORDS", "Line " + lineNumber + ": the export has more records than its "
            + "checkpoint's " + checkpoint.treeSize() + ".");
      }
      if (leaf.path("leafIndex").asLong(-1) != index) {
        throw CliFailure.verification("LEAF_OUT_OF_ORDER", "Line " + lineNumber + ": expected leaf " + index + ", found "
            + leaf.path("leafIndex").asText("none") + ".");
      }
      byte[] leafHash;
      JsonNode event = leaf.get("event");
      if (event != null && event.isObject()) {
        leafHash = LogHashes.leafHash(CanonicalJson.of(event).getBytes(StandardCharsets.UTF_8));
        String stated = Json.text(leaf, "leafHash");
        if (stated != null && !Arrays.equals(leafHash, LogVerifier.hash(stated, "Line " + lineNumber + "'s leafHash"))) {
          throw CliFailure.verification("RECORD_ALTERED", "Line " + lineNumber + " (leaf " + index + "): the record does "
              + "not hash to its leaf hash; it was changed.");
        }
        recomputed++;
      } else {
        leafHash = LogVerifier.hash(Json.text(leaf, "leafHash"), "Line " + lineNumber + "'s leafHash");
        pruned++;
      }
      range.append(leafHash);
      if (older != null && range.size() == older.treeSize() && !Arrays.equals(range.root(), older.rootHash())) {
        throw CliFailure.verification("INCONSISTENT", "The export's first " + older.treeSize() + " records do not hash to "
            + "the root of the checkpoint verified before: its history was rewritten.");
      }
      if (range.size() % 4096 == 0) {
        progress.accept(range.size());
      }
    }
    progress.accept(range.size());
    if (range.size() != checkpoint.treeSize()) {
      throw CliFailure.verification("RECORDS_MISSING", "The export has " + range.size() + " records; its checkpoint "
          + "signs " + checkpoint.treeSize() + ". It is incomplete or records were removed.");
    }
    if (!Arrays.equals(range.root(), checkpoint.rootHash())) {
      throw CliFailure.verification("ROOT_MISMATCH", "The records do not hash to the signed root: the export was changed.");
    }
    return new Verified(checkpoint, key.verifying(checkpoint), recomputed, pruned, older);
  }

  private static JsonNode parseLine(String line, long number) {
    try {
      JsonNode node = Json.MAPPER.readTree(line);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // reported below
    }
    throw CliFailure.verification("MALFORMED_LINE", "Line " + number + " of the export is not a JSON object.");
  }
}
