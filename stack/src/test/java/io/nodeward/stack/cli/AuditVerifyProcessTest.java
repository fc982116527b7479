package io.nodeward.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.identity.DevUsers;
import io.nodeward.stack.DemoNode;
import io.nodeward.stack.Poll;
import io.nodeward.stack.StackHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's "done when", end to end with the real client: {@code nodeward audit verify} pins a checkpoint, proves a
 * record's inclusion, checks the consistency proof to a newer checkpoint on its next run; then the newest records
 * are deleted from the database behind the service's back (with their checkpoints and tiles: an older, consistent
 * copy of the database is put back while the stack is down). The restarted service says TAMPERED at start, and the
 * client holding the newer checkpoint fails with exit code 4.
 */
class AuditVerifyProcessTest {

  private static final int VERIFICATION_FAILED = 4;

  @TempDir
  Path dir;

  @Test
  void theClientHoldingAnOlderCheckpointAndTheServiceAtStartBothCatchTheNewestRecordsBeingDeleted() throws Exception {
    Path data = dir.resolve("data");
    Map<String, String> env = StackHarness.testEnv(data);
    // the client pins per audit URL, so the audit service keeps its address across the restart (as it would)
    env.put("NODEWARD_AUDIT_PORT", Integer.toString(freePort()));
    env.put("NODEWARD_STACK_DEMO_NODE_PORT", Integer.toString(freePort()));
    Path home = Files.createDirectories(dir.resolve("home-auditor"));
    Path db = data.resolve("audit/audit.db");
    Path older = dir.resolve("older-audit.db");
    long olderSize;
    long pinnedSize;

    try (StackHarness first = StackHarness.start(env)) {
      StackHarness.Session alice = first.signIn(DevUsers.ALICE);
      StackHarness.Session auditorApi = first.signIn(DevUsers.AUDITOR);
      Nodeward auditor = login(home, first);
      Poll.until("a first signed checkpoint", () -> checkpointSize(first, auditorApi), size -> size > 0);

      // what the attacker will put back later: a consistent copy of the log as it is now
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
        s.execute("VACUUM INTO '" + older + "'");
      }
      olderSize = maxSequence(older);

      String serial = first.issued(alice, new JsonObject().put("nodeId", DemoNode.NODE_ID)).getString("serialNumber");
      JsonObject issued = Poll.until("the issuance in the trail", () -> issuance(auditor, serial), r -> r != null);
      long sequence = issued.getLong("sequence");
      assertTrue(sequence > olderSize, "the issuance is newer than the copy: " + sequence + " > " + olderSize);
      Poll.until("a checkpoint covering the issuance", () -> checkpointSize(first, auditorApi), size -> size >= sequence);
      Path record = home.resolve("issued.json");
      Files.writeString(record, issued.encode());

      JsonObject pinned = ok(auditor.run("audit", "verify", "--record", "issued.json", "-o", "json")).json();
      assertEquals(Boolean.TRUE, pinned.getBoolean("verified"));
      pinnedSize = pinned.getLong("treeSize");
      assertTrue(pinnedSize >= sequence, pinned.encode());
      assertEquals(sequence - 1, pinned.getJsonObject("record").getLong("leafIndex"), pinned.encode());

      // the next run checks that the newer checkpoint extends the pinned one
      first.issued(alice, new JsonObject().put("nodeId", DemoNode.NODE_ID));
      long pinnedBefore = pinnedSize;
      Poll.until("a checkpoint beyond the pinned one", () -> checkpointSize(first, auditorApi), size -> size > pinnedBefore);
      JsonObject extended = ok(auditor.run("audit", "verify", "-o", "json")).json();
      assertEquals(pinnedSize, extended.getLong("previousTreeSize"), extended.encode());
      assertTrue(extended.getLong("treeSize") > pinnedSize, extended.encode());
      pinnedSize = extended.getLong("treeSize");
    }

    // behind the service's back: the newest records go, with their checkpoints and tiles
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    Files.copy(older, db);

    try (StackHarness second = StackHarness.start(env)) {
      HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + second.stack.audit().port() + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, ready.statusCode(), ready.body());
      JsonObject log = new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("log");
      assertEquals("TAMPERED", log.getString("state"), ready.body());
      assertEquals("DELETED", log.getJsonObject("firstProblem").getString("kind"), ready.body());

      Nodeward auditor = login(home, second);
      Nodeward.Result caught = auditor.run("audit", "verify");
      assertEquals(VERIFICATION_FAILED, caught.exitCode(), caught.toString());
      assertTrue(caught.err().contains("fewer than the " + pinnedSize), caught.toString());
      Nodeward.Result record = auditor.run("audit", "verify", "--record", "issued.json");
      assertEquals(VERIFICATION_FAILED, record.exitCode(), record.toString());
    }
  }

  private static Nodeward login(Path home, StackHarness stack) {
    Nodeward auditor = new Nodeward(home, stack.stack);
    ok(auditor.runWithInput(DevUsers.AUDITOR.password() + "\n", "login", "--username", DevUsers.AUDITOR.username(),
        "--password-stdin"));
    return auditor;
  }

  private static JsonObject issuance(Nodeward auditor, String serial) {
    JsonArray records = ok(auditor.run("audit", "search", "--serial", serial, "--type", "CERTIFICATE_ISSUED", "-o", "json"))
        .json().getJsonArray("items", new JsonArray());
    return records.isEmpty() ? null : records.getJsonObject(0);
  }

  private static long checkpointSize(StackHarness stack, StackHarness.Session auditor) {
    StackHarness.Reply note = stack.auditGet("/v1/audit/log/checkpoint", auditor);
    return note.status() == 200 ? Long.parseLong(note.text().split("\n")[1]) : 0;
  }

  private static long maxSequence(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT MAX(sequence) FROM audit_event")) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  private static Nodeward.Result ok(Nodeward.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    return result;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
