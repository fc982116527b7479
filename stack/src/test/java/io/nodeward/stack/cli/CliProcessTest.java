package io.nodeward.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.identity.DevUsers;
import io.nodeward.stack.DemoNode;
import io.nodeward.stack.Poll;
import io.nodeward.stack.StackHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nodeward} client, run as a separate process from the jar the build made, against one embedded stack:
 * sign-in (password and browser), certificates with the key kept local, the gateway, revocation, nodes, the audit
 * trail. The steps share the stack and run in order, as a user would go through them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliProcessTest {

  private static final String NODE = DemoNode.NODE_ID;
  /** Renewals come every 20 s here; this only turns a daemon that stopped renewing into a failure. */
  private static final Duration RENEWAL_BOUND = Duration.ofSeconds(120);

  @TempDir
  static Path dir;
  static StackHarness harness;
  static Nodeward alice;
  static Nodeward admin;
  static Nodeward auditor;
  static Nodeward bob;
  static String serial;
  static String aliceId;
  static Map<String, String> env;
  static Nodeward.Running daemon;
  static final List<String> renewedSerials = new java.util.ArrayList<>();

  @BeforeAll
  static void startStack() throws Exception {
    env = StackHarness.testEnv(dir.resolve("data"));
    harness = StackHarness.start(env);
    alice = client("alice");
    admin = client("admin");
    auditor = client("auditor");
    bob = client("bob");
  }

  private static Nodeward client(String name) throws Exception {
    return new Nodeward(Files.createDirectories(dir.resolve("home-" + name)), harness.stack);
  }

  @AfterAll
  static void stopStack() {
    if (daemon != null) {
      daemon.stop();
    }
    IssuerOutage.close();
    if (harness != null) {
      harness.close();
    }
  }

  private static Nodeward.Result ok(Nodeward.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    return result;
  }

  @Test
  @Order(1)
  void passwordLoginFromStdinKeepsAnOwnerOnlySessionAndPrintsNoSecret() throws Exception {
    for (var user : List.of(new Object[] {alice, DevUsers.ALICE}, new Object[] {admin, DevUsers.ADMIN},
        new Object[] {auditor, DevUsers.AUDITOR})) {
      Nodeward client = (Nodeward) user[0];
      DevUsers.Credentials credentials = (DevUsers.Credentials) user[1];
      Nodeward.Result login = ok(client.runWithInput(credentials.password() + "\n", "login", "--username",
          credentials.username(), "--password-stdin"));
      assertFalse(login.out().contains(credentials.password()) || login.err().contains(credentials.password()));
    }
    Path session = alice.home.resolve("config/nodeward/session.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(session)));
    JsonObject who = ok(alice.run("whoami", "--output", "json")).json();
    assertEquals("alice", who.getString("username"));
    aliceId = who.getString("userId");
    assertEquals(harness.stack.aliceUserId(), aliceId);

    Nodeward.Result wrong = bob.runWithInput("not-the-password\n", "login", "-u", "bob", "--password-stdin");
    assertEquals(1, wrong.exitCode(), wrong.toString());
    assertTrue(wrong.err().startsWith("error: Incorrect username or password."), wrong.err());
  }

  @Test
  @Order(2)
  void issueInCsrModeKeepsTheKeyHereAndTheTrailSaysSo() throws Exception {
    Files.createDirectories(alice.home.resolve("certs"));
    JsonObject issued = ok(alice.run("cert", "issue", "--node", NODE, "--out", "certs", "-o", "json")).json();
    serial = issued.getString("serialNumber");

    assertEquals("CLIENT_CSR", issued.getString("keySource"));
    assertEquals("EC_P256", issued.getString("keyAlgorithm"));
    Path key = alice.home.resolve("certs/" + NODE + ".key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(Files.readString(alice.home.resolve("certs/ca.pem")).contains("BEGIN CERTIFICATE"));
    assertFalse(issued.encode().contains("PRIVATE KEY"), "the key is never printed");

    JsonArray records = ok(alice.run("audit", "search", "--serial", serial, "--type", "CERTIFICATE_ISSUED", "-o", "json"))
        .json().getJsonArray("items");
    assertEquals(1, records.size(), records.encodePrettily());
    assertEquals("CLIENT_CSR", records.getJsonObject(0).getJsonObject("event").getJsonObject("data").getString("keySource"));
  }

  /**
   * Started early so that its first renewals overlap the other steps: a certificate of one minute (plus the
   * issuer's one-minute backdate) renews 20 s after issuance, and every 20 s after that.
   */
  @Test
  @Order(3)
  void theRenewalDaemonStartsOnAOneMinuteCertificate() throws Exception {
    Files.createDirectories(alice.home.resolve("renew"));
    JsonObject issued = ok(alice.run("cert", "issue", "--node", NODE, "--out", "renew", "--validity", "1m", "-o", "json")).json();
    renewedSerials.add(issued.getString("serialNumber"));
    Nodeward.Result notDue = ok(alice.run("cert", "renew", "--cert", "renew/" + NODE + ".crt", "--key", "renew/" + NODE + ".key"));
    assertTrue(notDue.out().startsWith("Not due yet"), notDue.out());

    daemon = alice.start(null, "cert", "renew", "--cert", "renew/" + NODE + ".crt", "--key", "renew/" + NODE + ".key",
        "--daemon", "--exec", "echo \"$NODEWARD_SERIAL $NODEWARD_PREVIOUS_SERIAL\" >> hook.log", "-o", "json");
  }

  @Test
  @Order(4)
  void listShowsTheCertificateActive() {
    JsonArray certificates = ok(alice.run("cert", "list", "--node", NODE, "-o", "json")).json().getJsonArray("certificates");
    JsonObject mine = certificates.stream().map(JsonObject.class::cast)
        .filter(c -> serial.equals(c.getString("serialNumber"))).findFirst().orElseThrow();
    assertEquals("active", mine.getString("status"));

    Nodeward.Result table = ok(alice.run("cert", "list"));
    assertTrue(table.out().startsWith("SERIAL") && table.out().contains(serial), table.out());
  }

  @Test
  @Order(5)
  void callReachesTheNodeThroughTheGatewayWithTheCertificate() {
    Nodeward.Result call = ok(alice.run("call", NODE, "/hello", "--cert", "certs/" + NODE + ".crt", "--key",
        "certs/" + NODE + ".key"));
    assertTrue(call.out().contains("hello from " + NODE), call.out());
  }

  @Test
  @Order(6)
  void revokeTakesTheSerialAsOpensslPrintsItAndTheGatewayThenRefusesWithItsCode() throws Exception {
    String printed = Tools.run(alice.home, "openssl", "x509", "-in", "certs/" + NODE + ".crt", "-noout", "-serial").trim();
    assertTrue(printed.startsWith("serial="), printed);
    String asOpensslPrintsIt = printed.substring("serial=".length());
    assertTrue(asOpensslPrintsIt.matches("[0-9A-F]+"), asOpensslPrintsIt);
    JsonObject revoked = ok(alice.run("cert", "revoke", asOpensslPrintsIt, "--reason", "keyCompromise", "-o", "json")).json();
    assertEquals(serial, revoked.getString("serialNumber"));
    assertEquals("revoked", revoked.getString("status"));
    assertEquals("KEY_COMPROMISE", revoked.getString("revocationReason"));

    // the gateways apply a revocation within milliseconds; a few tries only guard against a slow machine
    Nodeward.Result refused = null;
    for (int attempt = 0; attempt < 20 && (refused == null || refused.exitCode() == 0); attempt++) {
      refused = alice.run("call", NODE, "/hello", "--cert", "certs/" + NODE + ".crt", "--key", "certs/" + NODE + ".key");
    }
    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(refused.err().startsWith("error: The gateway refused the call") && refused.err().contains("[REVOKED]"),
        refused.err());
  }

  @Test
  @Order(7)
  void theServedCrlMakesOpensslRejectTheRevokedCertificateAndARevokedCertificateCannotRenew() throws Exception {
    String verify = null;
    for (int attempt = 0; attempt < 50; attempt++) { // the CRL is rebuilt within a moment of the revocation
      ok(alice.run("cert", "crl", "--out", "crl.pem"));
      verify = Tools.runAllowingFailure(alice.home, "openssl", "verify", "-crl_check", "-CAfile", "certs/ca.pem",
          "-CRLfile", "crl.pem", "certs/" + NODE + ".crt");
      if (verify.contains("certificate revoked")) {
        break;
      }
      Thread.sleep(100);
    }
    assertTrue(verify.contains("certificate revoked"), verify);
    String unrevoked = Tools.runAllowingFailure(alice.home, "openssl", "verify", "-crl_check", "-CAfile", "certs/ca.pem",
        "-CRLfile", "crl.pem", "renew/" + NODE + ".crt");
    assertTrue(unrevoked.trim().endsWith(": OK"), unrevoked);

    Nodeward.Result renew = alice.run("cert", "renew", "--cert", "certs/" + NODE + ".crt", "--key", "certs/" + NODE + ".key", "--force");
    assertEquals(1, renew.exitCode(), renew.toString());
    assertTrue(renew.err().contains("[CERTIFICATE_REVOKED]"), renew.err());
  }

  @Test
  @Order(8)
  void adminsAddAndRemoveNodesAndOthersMayNot() {
    String upstream = "http://127.0.0.1:" + harness.stack.demoNode().port();
    ok(admin.run("node", "add", "cli-node-2", "--owner", aliceId, "--upstream", upstream));
    assertTrue(ok(alice.run("node", "list")).out().contains("cli-node-2"));

    Nodeward.Result notAdmin = alice.run("node", "add", "cli-node-3", "--owner", aliceId, "--upstream", upstream);
    assertEquals(1, notAdmin.exitCode(), notAdmin.toString());
    assertTrue(notAdmin.err().contains("[ADMIN_REQUIRED]"), notAdmin.err());

    ok(admin.run("node", "remove", "cli-node-2"));
    assertFalse(ok(alice.run("node", "list")).out().contains("cli-node-2"));
  }

  @Test
  @Order(9)
  void auditorsExportTheTrailAsNdjsonAndCsv() throws Exception {
    ok(auditor.run("audit", "export", "--format", "ndjson", "--out", "trail.ndjson"));
    ok(auditor.run("audit", "export", "--format", "csv", "--node", NODE, "--out", "trail.csv"));

    List<String> records = Files.readAllLines(auditor.home.resolve("trail.ndjson"));
    assertTrue(records.size() >= 4, "provisioned, issued, allowed, revoked, denied: " + records.size());
    assertTrue(records.stream().anyMatch(line -> line.contains(serial)));
    assertTrue(Files.readString(auditor.home.resolve("trail.csv")).startsWith("sequence,"));
  }

  @Test
  @Order(10)
  void browserLoginWithPkceOnALoopbackPort() throws Exception {
    Nodeward.Running login = bob.start(null, "login", "--no-browser");
    String url = awaitAuthorizeUrl(login);
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("name=\"password\""));
    String form = url.substring(url.indexOf('?') + 1) + "&username=bob&password=" + DevUsers.BOB.password();
    HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(harness.stack.identity().baseUrl() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, signedIn.statusCode(), signedIn.body());
    String callback = signedIn.headers().firstValue("Location").orElseThrow();
    assertTrue(callback.startsWith("http://127.0.0.1:") && callback.contains("/callback?code="), callback);
    HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(URI.create(callback)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(200, landed.statusCode());
    ok(login.await(Nodeward.BOUND));
    assertEquals("bob", ok(bob.run("whoami", "-o", "json")).json().getString("username"));
  }

  /** The hosted-UI address the client prints on stderr once its loopback listener is up. */
  private static String awaitAuthorizeUrl(Nodeward.Running login) throws InterruptedException {
    Pattern authorize = Pattern.compile("(http://\\S+/oauth2/authorize\\?\\S+)");
    long deadline = System.nanoTime() + Nodeward.BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = authorize.matcher(login.stderr());
      if (m.find()) {
        return m.group(1);
      }
      assertTrue(login.process().isAlive(), "login ended early: " + login.stderr());
      Thread.sleep(50);
    }
    throw new AssertionError("login never printed the sign-in address: " + login.stderr());
  }

  /**
   * By now the daemon has renewed at least twice. The issuer is stopped until the daemon has retried twice, then
   * started again on the same ports; the daemon renews as soon as its next try comes (each wait at most a tenth of
   * the remaining lifetime, here under 5 s).
   */
  @Test
  @Order(20)
  void theDaemonRenewedTwiceRanTheHookEachTimeAndOutlastsAnIssuerOutage() throws Exception {
    Path hook = alice.home.resolve("hook.log");
    List<String> runs = Poll.until("two renewals with their hook", RENEWAL_BOUND, () -> lines(hook), l -> l.size() >= 2);
    assertTrue(daemon.process().isAlive(), daemon.stderr());
    String previous = renewedSerials.get(0);
    for (String run : runs) {
      String[] serials = run.split(" ");
      assertEquals(previous, serials[1], "each renewal renews the one before: " + runs);
      previous = serials[0];
    }
    String newest = previous;
    JsonArray records = Poll.until("the newest renewal in the trail", () -> ok(alice.run("audit", "search", "--serial",
        newest, "--type", "CERTIFICATE_ISSUED", "-o", "json")).json().getJsonArray("items"), items -> !items.isEmpty());
    JsonObject issued = records.getJsonObject(0).getJsonObject("event").getJsonObject("data");
    assertEquals(runs.get(runs.size() - 1).split(" ")[1], issued.getString("renews"), "the trail links renewals");

    int renewedBeforeOutage = lines(hook).size();
    IssuerOutage outage = IssuerOutage.begin(harness, env);
    try {
      Poll.until("the daemon retrying against the stopped issuer", RENEWAL_BOUND,
          () -> count(daemon.stdout(), "\"event\":\"retrying\""), n -> n >= 2);
      assertEquals(renewedBeforeOutage, lines(hook).size(), "no renewal while the issuer is down");
    } finally {
      outage.end();
    }
    List<String> after = Poll.until("a renewal after the issuer came back", RENEWAL_BOUND, () -> lines(hook),
        l -> l.size() > renewedBeforeOutage);
    String current = Tools.run(alice.home, "openssl", "x509", "-in", "renew/" + NODE + ".crt", "-noout", "-serial").trim();
    assertEquals(after.get(after.size() - 1).split(" ")[0], new java.math.BigInteger(current.substring(7), 16).toString(16));
    assertTrue(daemon.stdout().contains("\"code\":\"UNREACHABLE\""), daemon.stdout());
    assertTrue(daemon.process().isAlive(), "the daemon kept going: " + daemon.stderr());
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  @Order(11)
  void aWrongCommandLineIsExitCodeTwo() {
    Nodeward.Result missing = alice.run("cert", "issue");
    assertEquals(2, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("--node"), missing.err());
  }
}
