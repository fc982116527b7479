package io.nodeward.console.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

  private static AuditFilter.Parsed parse(Map<String, String> form) {
    return AuditFilter.parse(form::get);
  }

  @Test
  void aDateTimeFieldIsReadAsUtcAndSentAsRfc3339() {
    AuditFilter.Parsed parsed = parse(Map.of("from", "2026-11-30T10:15", "to", "2026-11-30T11:00:30Z", "effect", "deny",
        "nodeId", " demo-node-1 "));

    assertTrue(parsed.errors().isEmpty(), parsed.errors().toString());
    assertEquals(Instant.parse("2026-11-30T10:15:00Z"), parsed.filter().from());
    assertEquals(Map.of("from", "2026-11-30T10:15:00Z", "to", "2026-11-30T11:00:30Z", "effect", "DENY", "nodeId", "demo-node-1"),
        parsed.filter().apiQuery());
    assertEquals("2026-11-30T10:15", parsed.filter().formQuery().get("from"));
    assertEquals("2026-11-30T11:00:30", parsed.filter().formQuery().get("to"));
  }

  @Test
  void unreadableTimesAreSentencesAndLeftOut() {
    AuditFilter.Parsed parsed = parse(Map.of("from", "yesterday"));

    assertEquals(1, parsed.errors().size());
    assertTrue(parsed.errors().get(0).startsWith("From must be a date and time"));
    assertNull(parsed.filter().from());
  }

  @Test
  void fromAfterToIsRefused() {
    AuditFilter.Parsed parsed = parse(Map.of("from", "2026-11-30T12:00", "to", "2026-11-30T11:00"));

    assertEquals("From must be before To.", parsed.errors().get(0));
    assertTrue(parsed.filter().apiQuery().isEmpty());
  }

  @Test
  void blankFieldsAreNoFilter() {
    assertTrue(parse(Map.of("type", " ", "userId", "")).filter().apiQuery().isEmpty());
  }
}
