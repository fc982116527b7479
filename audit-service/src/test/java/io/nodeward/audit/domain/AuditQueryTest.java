package io.nodeward.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.events.EventType;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditQueryTest {

  private static final CursorCodec CURSORS = new CursorCodec(new byte[32]);

  @Test
  void everyFilterIsParsed() {
    AuditQuery q = AuditQuery.parse(params(
        "type", "io.nodeward.access.decided.v1,ISSUANCE_DENIED", "userId", "alice-1", "nodeId", "node-a",
        "serial", "1f", "effect", "deny", "reason", "not_owner", "from", "2026-11-24T10:00:00+02:00",
        "to", "2026-11-24T12:00:00Z", "limit", "50", "cursor", CURSORS.encode(77)), CURSORS);
    assertEquals(Set.of(EventType.ACCESS_DECIDED, EventType.ISSUANCE_DENIED), q.types());
    assertEquals("alice-1", q.userId());
    assertEquals("node-a", q.nodeId());
    assertEquals("1f", q.serial());
    assertEquals("DENY", q.effect());
    assertEquals("NOT_OWNER", q.reason());
    assertEquals(Instant.parse("2026-11-24T08:00:00Z"), q.from());
    assertEquals(Instant.parse("2026-11-24T12:00:00Z"), q.to());
    assertEquals(50, q.limit());
    assertEquals(77L, q.beforeSequence());
  }

  @Test
  void noParametersMeansEverythingNewestFirstInPagesOfAHundred() {
    AuditQuery q = AuditQuery.parse(Map.of(), CURSORS);
    assertEquals(100, q.limit());
    assertNull(q.beforeSequence());
    assertEquals(Set.of(), q.types());
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "type|io.nodeward.nope.v1|INVALID_TYPE",
      "userId|al ice|INVALID_USER_ID",
      "userId|x; DROP TABLE audit_event|INVALID_USER_ID",
      "nodeId|Node_A|INVALID_NODE_ID",
      "serial|00FF|INVALID_SERIAL",
      "effect|MAYBE|INVALID_EFFECT",
      "reason|BECAUSE|INVALID_REASON",
      "from|yesterday|INVALID_TIME",
      "to|2026-11-24 12:00|INVALID_TIME",
      "limit|0|INVALID_LIMIT",
      "limit|1001|INVALID_LIMIT",
      "limit|ten|INVALID_LIMIT",
      "cursor|bm9wZQ.AAAA|INVALID_CURSOR",
      "userid|alice|UNKNOWN_PARAMETER"
  })
  void eachBadParameterIsRefusedWithItsOwnCode(String name, String value, String code) {
    InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> AuditQuery.parse(params(name, value), CURSORS));
    assertEquals(code, e.code());
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsRefused() {
    InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> AuditQuery.parse(
        params("from", "2026-11-24T12:00:00Z", "to", "2026-11-24T11:00:00Z"), CURSORS));
    assertEquals("INVALID_RANGE", e.code());
  }

  @Test
  void aParameterGivenTwiceIsRefused() {
    Map<String, List<String>> params = Map.of("nodeId", List.of("a", "b"));
    assertEquals("DUPLICATE_PARAMETER", assertThrows(InvalidQueryException.class, () -> AuditQuery.parse(params, CURSORS)).code());
  }

  @Test
  void aSummaryNeedsAGroupAndABoundedRange() {
    Instant now = Instant.parse("2026-11-24T12:00:00Z");
    assertEquals("MISSING_GROUP_BY", assertThrows(InvalidQueryException.class, () -> SummaryQuery.parse(Map.of(), now)).code());
    assertEquals("INVALID_GROUP_BY", assertThrows(InvalidQueryException.class, () -> SummaryQuery.parse(params("groupBy", "colour"), now)).code());
    assertEquals("INVALID_BUCKET", assertThrows(InvalidQueryException.class, () -> SummaryQuery.parse(params("groupBy", "node", "bucket", "week"), now)).code());
    assertEquals("RANGE_TOO_LARGE", assertThrows(InvalidQueryException.class, () -> SummaryQuery.parse(
        params("groupBy", "node", "bucket", "hour", "from", "2026-01-01T00:00:00Z", "to", "2026-11-01T00:00:00Z"), now)).code());
    SummaryQuery q = SummaryQuery.parse(params("groupBy", "effect", "bucket", "hour"), now);
    assertEquals(SummaryQuery.GroupBy.EFFECT, q.groupBy());
    assertEquals(now.minusSeconds(86400), q.from());
    assertEquals(now, q.to());
  }

  @Test
  void csvCellsAreQuotedAndDefusedAgainstFormulas() {
    assertEquals("plain", ExportFormat.csvCell("plain"));
    assertEquals("\"a,b\"", ExportFormat.csvCell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", ExportFormat.csvCell("say \"hi\""));
    assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", ExportFormat.csvCell("=HYPERLINK(\"http://x\")"));
    assertEquals("\"'+1\"", ExportFormat.csvCell("+1"));
    assertEquals("\"'@SUM(A1)\"", ExportFormat.csvCell("@SUM(A1)"));
    assertEquals("\"line\nbreak\"", ExportFormat.csvCell("line\nbreak"));
    assertEquals("", ExportFormat.csvCell(null));
  }

  private static Map<String, List<String>> params(String... pairs) {
    Map<String, List<String>> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return map;
  }

  @SuppressWarnings("unused")
  private static List<String> list(String... values) {
    return Arrays.asList(values);
  }
}
