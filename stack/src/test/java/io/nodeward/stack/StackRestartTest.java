package io.nodeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.EventType;
import io.nodeward.identity.DevUsers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and start again: the stack comes back from its data directory with every certificate, revocation and
 * audit record it had, and nothing twice. Two stacks, one after the other, on the same directory; each is
 * driven only through its public interfaces.
 */
class StackRestartTest {

  private static final String ISSUED = EventType.CERTIFICATE_ISSUED.type();
  private static final String REVOKED = EventType.CERTIFICATE_REVOKED.type();
  private static final String DECIDED = EventType.ACCESS_DECIDED.type();
  private static final String CHECKPOINT = EventType.AUDIT_CHECKPOINT.type();
  private static final String NODE = DemoNode.NODE_ID;

  @TempDir
  Path dataDir;

  @Test
  void aRestartedStackKeepsEveryCertificateRevocationAndAuditRecordAndDuplicatesNothing() throws Exception {
    // The demo node keeps its port across restarts, as it does with the default 9000: with a new port the
    // stack would rightly provision it again with the new upstream address.
    Map<String, String> env = StackHarness.testEnv(dataDir);
    env.put("NODEWARD_STACK_DEMO_NODE_PORT", Integer.toString(freePort()));
    JsonObject revokedCert;
    JsonObject activeCert;
    String aliceId;
    List<JsonObject> before;

    try (StackHarness first = StackHarness.start(env)) {
      StackHarness.Session alice = first.signIn(DevUsers.ALICE);
      StackHarness.Session auditor = first.signIn(DevUsers.AUDITOR);
      aliceId = alice.userId();
      revokedCert = first.issued(alice, new JsonObject().put("nodeId", NODE));
      StackHarness.Reply revoke = first.revoke(alice, revokedCert.getString("serialNumber"), "SUPERSEDED");
      assertEquals(200, revoke.status(), revoke.toString());
      activeCert = first.issued(alice, new JsonObject().put("nodeId", NODE).put("keyAlgorithm", "EC_P256"));

      String deniedId;
      try (GatewayClient allowed = client(first, activeCert); GatewayClient refused = client(first, revokedCert)) {
        GatewayClient.Answer ok = allowed.get("/nodes/" + NODE + "/before-restart");
        assertEquals(200, ok.status(), ok.toString());
        GatewayClient.Answer no = refused.get("/nodes/" + NODE + "/before-restart");
        assertEquals(403, no.status(), no.toString());
        assertEquals("REVOKED", no.code());
        deniedId = no.json().getString("decisionId");
      }

      // Everything above is in the trail before the stack stops: that is the state the restart must keep.
      String active = activeCert.getString("serialNumber");
      before = Poll.until("the first stack's events in the audit trail",
          () -> first.auditEvents(auditor, null),
          records -> has(records, DECIDED, active) == 1 && decision(records, deniedId)
              && has(records, REVOKED, revokedCert.getString("serialNumber")) == 1 && has(records, ISSUED, active) == 1);
      assertIntactAndUnique(first, auditor, first.auditEvents(auditor, null));
    }

    try (StackHarness second = StackHarness.start(env)) {
      StackHarness.Session alice = second.signIn(DevUsers.ALICE);
      StackHarness.Session auditor = second.signIn(DevUsers.AUDITOR);
      assertEquals(aliceId, alice.userId(), "alice is the same user after the restart");

      String deniedId;
      try (GatewayClient allowed = client(second, activeCert); GatewayClient refused = client(second, revokedCert)) {
        GatewayClient.Answer no = refused.get("/nodes/" + NODE + "/after-restart");
        assertEquals(403, no.status(), "the revocation survived the restart: " + no);
        assertEquals("REVOKED", no.code());
        deniedId = no.json().getString("decisionId");
        GatewayClient.Answer ok = allowed.get("/nodes/" + NODE + "/after-restart");
        assertEquals(200, ok.status(), "the active certificate survived the restart: " + ok);
        assertEquals(aliceId, ok.json().getString("user"));
      }

      StackHarness.Reply listed = second.issuerGet("/v1/certificates?nodeId=" + NODE, alice);
      assertEquals(200, listed.status(), listed.toString());
      Map<String, String> status = listed.json().getJsonArray("certificates").stream()
          .map(JsonObject.class::cast)
          .collect(Collectors.toMap(c -> c.getString("serialNumber"), c -> c.getString("status")));
      assertEquals(Map.of(revokedCert.getString("serialNumber"), "revoked", activeCert.getString("serialNumber"), "active"),
          status, "the issuer rebuilt both certificates with their state");

      String active = activeCert.getString("serialNumber");
      List<JsonObject> after = Poll.until("the second stack's two decisions in the audit trail",
          () -> second.auditEvents(auditor, null),
          records -> has(records, DECIDED, active) == 2 && decision(records, deniedId));

      // every earlier record is still there, unchanged: same sequence, same leaf, same event
      Map<String, JsonObject> afterById = after.stream()
          .collect(Collectors.toMap(r -> r.getString("eventId"), Function.identity(), (a, b) -> a));
      for (JsonObject old : before) {
        JsonObject now = afterById.get(old.getString("eventId"));
        assertTrue(now != null, "record " + old.getLong("sequence") + " (" + old.getString("type") + ") is gone");
        assertEquals(old.getLong("sequence"), now.getLong("sequence"));
        assertEquals(old.getString("leafHash"), now.getString("leafHash"));
        assertEquals(old.getJsonObject("event"), now.getJsonObject("event"));
      }
      // and the only new records are the two decisions made after the restart (and audit checkpoints)
      Map<String, Long> countsBefore = countsByType(before);
      Map<String, Long> countsAfter = countsByType(after);
      Map<String, Long> expected = new HashMap<>(countsBefore);
      expected.merge(DECIDED, 2L, Long::sum);
      expected.remove(CHECKPOINT);
      countsAfter.remove(CHECKPOINT);
      assertEquals(expected, countsAfter, "counts by type: before the restart " + countsBefore);
      assertEquals(1, countsAfter.get(EventType.NODE_PROVISIONED.type()),
          "the demo node was provisioned once; the second start changed nothing");
      assertIntactAndUnique(second, auditor, after);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static GatewayClient client(StackHarness stack, JsonObject cert) {
    return stack.gateway(cert.getString("certificatePem"), cert.getString("privateKeyPem"));
  }

  private static long has(List<JsonObject> records, String type, String serial) {
    return records.stream().filter(r -> type.equals(r.getString("type")) && serial.equals(r.getString("serial"))).count();
  }

  private static boolean decision(List<JsonObject> records, String decisionId) {
    return records.stream().anyMatch(r -> DECIDED.equals(r.getString("type"))
        && decisionId.equals(r.getJsonObject("event").getJsonObject("data").getString("decisionId")));
  }

  private static Map<String, Long> countsByType(List<JsonObject> records) {
    return records.stream().collect(Collectors.groupingBy(r -> r.getString("type"), HashMap::new, Collectors.counting()));
  }

  private static void assertIntactAndUnique(StackHarness stack, StackHarness.Session auditor, List<JsonObject> records) {
    Set<String> ids = records.stream().map(r -> r.getString("eventId")).collect(Collectors.toSet());
    assertEquals(records.size(), ids.size(), "no event is stored twice");
    JsonObject verdict = stack.verifyAudit(auditor);
    assertEquals(Boolean.TRUE, verdict.getBoolean("intact"), verdict.encodePrettily());
    assertTrue(verdict.getLong("recordsChecked") >= records.size(), verdict.encode());
  }
}
