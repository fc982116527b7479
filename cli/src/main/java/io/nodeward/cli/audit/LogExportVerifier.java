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
  private static final java.util.Set<String> HEADER_FIELDS = java.util.Set.of("format", "origin", "treeSize", "checkpoint");
  private static final java.util.Set<String> LEAF_FIELDS = java.util.Set.of("leafIndex", "sequence", "leafHash", "event", "pruned");

  /** What was verified. */
  public record Verified(Checkpoint checkpoint, NoteKey key, long recordsRecomputed, long prunedLeaves,
      Checkpoint olderChecked) {
  }

  private LogExportVerifier() {
  }

  /** {@code older} may be null; {@code progress} receives the number of leaves read so far. */
  public static Verified verify(BufferedReader lines, TrustedKey key, Checkpoint older, LongConsumer progress)
      throws IOException {
    String headerLine = nextLine(lines);
    JsonNode header = headerLine == null ? null : parseLine(headerLine, 1);
    if (header == null || !FORMAT.equals(Json.text(header, "format")) || !onlyFields(header, HEADER_FIELDS)) {
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
    while ((line = nextLine(lines)) != null) {
      lineNumber++;
      JsonNode leaf = parseLine(line, lineNumber);
      if (!onlyFields(leaf, LEAF_FIELDS)) {
        throw CliFailure.verification("MALFORMED_LINE", "Line " + lineNumber + " has members a leaf line does not have.");
      }
      long index = range.size();
      if (index >= checkpoint.treeSize()) {
        throw CliFailure.verification("EXTRA_RECORDS", "Line " + lineNumber + ": the export has more records than its "
            + "checkpoint's " + checkpoint.treeSize() + ".");
      }
      if (!leaf.path("leafIndex").isIntegralNumber() || leaf.path("leafIndex").asLong() != index
          || !leaf.path("sequence").isIntegralNumber() || leaf.path("sequence").asLong() != index + 1) {
        throw CliFailure.verification("LEAF_OUT_OF_ORDER", "Line " + lineNumber + ": expected leaf " + index + ", found "
            + leaf.path("leafIndex").asText("none") + ".");
      }
      byte[] leafHash;
      JsonNode event = leaf.get("event");
      byte[] stated = LogVerifier.hash(Json.text(leaf, "leafHash"), "Line " + lineNumber + "'s leafHash");
      if (event != null) {
        if (!event.isObject() || leaf.has("pruned")) {
          throw CliFailure.verification("MALFORMED_LINE", "Line " + lineNumber + " has an event that is not an object, or "
              + "one marked pruned.");
        }
        leafHash = LogHashes.leafHash(CanonicalJson.of(event).getBytes(StandardCharsets.UTF_8));
        if (!Arrays.equals(leafHash, stated)) {
          throw CliFailure.verification("RECORD_ALTERED", "Line " + lineNumber + " (leaf " + index + "): the record does "
              + "not hash to its leaf hash; it was changed.");
        }
        recomputed++;
      } else {
        if (!leaf.path("pruned").asBoolean(false) || !leaf.path("pruned").isBoolean()) {
          throw CliFailure.verification("MALFORMED_LINE", "Line " + lineNumber + " has no event and is not marked pruned.");
        }
        leafHash = stated;
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

  /**
   * The next line up to a {@code \n} (not {@code \r}, unlike {@link BufferedReader#readLine()}: a {@code \r} put
   * in place of a {@code \n} must not read as the same file); null at the end. A last line without its newline is
   * still a line.
   */
  private static String nextLine(BufferedReader in) throws IOException {
    StringBuilder line = new StringBuilder(1024);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        return line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static boolean onlyFields(JsonNode node, java.util.Set<String> allowed) {
    for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      if (!allowed.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode parseLine(String line, long number) {
    if (!line.startsWith("{") || !line.endsWith("}")) {
      // one compact JSON object per line: whitespace around it would let a changed byte go unnoticed
      throw CliFailure.verification("MALFORMED_LINE", "Line " + number + " of the export is not one JSON object.");
    }
    try {
      // strict: a member named twice or anything after the object is refused, so no change goes unnoticed
      JsonNode node = Json.read(line, true);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // reported below
    }
    throw CliFailure.verification("MALFORMED_LINE", "Line " + number + " of the export is not a JSON object.");
  }
}
