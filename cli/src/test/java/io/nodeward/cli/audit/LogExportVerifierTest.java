package io.nodeward.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.ExitCode;
import io.nodeward.cli.http.Json;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogExportVerifierTest {

  private NotesForTests log;
  private List<String> events;

  @BeforeEach
  void makeLog() throws Exception {
    log = new NotesForTests("nodeward.local/audit");
    events = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      events.add("{\"specversion\":\"1.0\",\"id\":\"e" + i + "\",\"source\":\"/nodeward/issuer/a\",\"type\":"
          + "\"io.nodeward.certificate.issued.v1\",\"time\":\"2026-11-30T12:00:" + String.format("%02d", i % 60)
          + "Z\",\"data\":{\"nodeId\":\"n" + i + "\",\"validityHours\":" + (i * 1.5) + "}}");
    }
  }

  private String export(int size, boolean prunedFirst) throws Exception {
    CompactRange range = new CompactRange();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < size; i++) {
      byte[] leaf = LogHashes.leafHash(CanonicalJson.of(Json.parse(events.get(i), "event")).getBytes(StandardCharsets.UTF_8));
      range.append(leaf);
      String hash = Base64.getEncoder().encodeToString(leaf);
      lines.append(prunedFirst && i == 0
          ? "{\"leafIndex\":0,\"sequence\":1,\"leafHash\":\"" + hash + "\",\"pruned\":true}\n"
          : "{\"leafIndex\":" + i + ",\"sequence\":" + (i + 1) + ",\"leafHash\":\"" + hash + "\",\"event\":" + events.get(i) + "}\n");
    }
    String note = log.checkpoint("nodeward.local/audit", size, range.root());
    return "{\"format\":\"nodeward-audit-log/v1\",\"origin\":\"nodeward.local/audit\",\"treeSize\":" + size
        + ",\"checkpoint\":" + Json.quote(note) + "}\n" + lines;
  }

  private LogExportVerifier.Verified verify(String export, Checkpoint older) throws Exception {
    return LogExportVerifier.verify(new BufferedReader(new StringReader(export)), TrustedKey.of(log.key), older, n -> { });
  }

  private String failure(String export, Checkpoint older) {
    CliFailure failure = assertThrows(CliFailure.class, () -> verify(export, older));
    assertEquals(ExitCode.VERIFICATION_FAILED, failure.exitCode());
    return failure.code();
  }

  @Test
  void anIntactExportVerifiesAndRecomputesEveryRecord() throws Exception {
    LogExportVerifier.Verified verified = verify(export(37, true), null);

    assertEquals(37, verified.checkpoint().treeSize());
    assertEquals(36, verified.recordsRecomputed());
    assertEquals(1, verified.prunedLeaves());
  }

  @Test
  void everyChangedByteOfARecordFailsVerification() throws Exception {
    String export = export(37, false);
    int start = export.indexOf("\"nodeId\":\"n20\"");
    for (int i = start; i < start + 14; i++) {
      char[] chars = export.toCharArray();
      chars[i] = chars[i] == 'x' ? 'y' : 'x';
      String code = failure(new String(chars), null);
      assertEquals(true, code.equals("RECORD_ALTERED") || code.equals("MALFORMED_LINE"), code + " at " + i);
    }
  }

  @Test
  void changingAnyOneCharacterOfTheFileFailsVerification() throws Exception {
    events = events.subList(0, 2);
    String export = export(2, true);
    verify(export, null);
    for (int i = 0; i < export.length(); i++) {
      char original = export.charAt(i);
      char[] replacements = original == '\n' ? new char[] {'x', ' ', '\r'} : new char[] {original == 'x' ? 'y' : 'x', ' '};
      for (char replacement : replacements) {
        if (replacement == original) {
          continue;
        }
        int at = i;
        String changed = export.substring(0, i) + replacement + export.substring(i + 1);
        CliFailure failure = assertThrows(CliFailure.class, () -> verify(changed, null),
            () -> "changing character " + at + " ('" + original + "') to '" + replacement + "' went unnoticed");
        assertEquals(ExitCode.VERIFICATION_FAILED, failure.exitCode());
      }
    }
  }

  @Test
  void aChangedLeafHashOfAPrunedRecordBreaksTheRoot() throws Exception {
    String export = export(37, true);
    int at = export.indexOf("\"leafHash\":\"", export.indexOf("\"pruned\"") - 80) + 14;
    char[] chars = export.toCharArray();
    chars[at] = chars[at] == 'A' ? 'B' : 'A';

    assertEquals("ROOT_MISMATCH", failure(new String(chars), null));
  }

  @Test
  void aMissingOrExtraRecordOrAForeignKeyFails() throws Exception {
    String export = export(37, false);
    String[] lines = export.split("\n");
    String withoutLast = String.join("\n", java.util.Arrays.copyOf(lines, lines.length - 1)) + "\n";
    String withoutMiddle = export.replace(lines[10] + "\n", "");

    assertEquals("RECORDS_MISSING", failure(withoutLast, null));
    assertEquals("LEAF_OUT_OF_ORDER", failure(withoutMiddle, null));
    assertEquals("EXTRA_RECORDS", failure(export + lines[5] + "\n", null));
    assertEquals("BAD_SIGNATURE", assertThrows(CliFailure.class, () -> LogExportVerifier.verify(
        new BufferedReader(new StringReader(export)), TrustedKey.of(new NotesForTests("nodeward.local/audit").key), null,
        n -> { })).code());
    assertEquals("NOT_A_LOG_EXPORT", failure(export.substring(export.indexOf('\n') + 1), null));
  }

  @Test
  void anOlderCheckpointMustBeAPrefixOfTheExport() throws Exception {
    String older = export(20, false);
    Checkpoint olderCheckpoint = Checkpoint.parse(Json.text(Json.parse(older.substring(0, older.indexOf('\n')), "h"), "checkpoint"));

    assertEquals(20, verify(export(37, false), olderCheckpoint).olderChecked().treeSize());

    events.set(3, events.get(3).replace("n3", "n3-rewritten"));
    assertEquals("INCONSISTENT", failure(export(37, false), olderCheckpoint));
    assertEquals("LOG_TRUNCATED", failure(export(19, false), olderCheckpoint));
  }
}
