package io.nodeward.stack.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.identity.DevUsers;
import io.nodeward.stack.ClientKeys;
import io.nodeward.stack.GatewayClient;
import io.nodeward.stack.StackHarness;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser against the running stack, one story per test as issue 9 tells them: alice's
 * PKCS#12 certificate through the gateway, revoked, and the DENY arriving live; the CSR path; bob's isolation; the
 * auditor's search, integrity and CSV export; the admin's provisioning; CSRF, cookie flags and no token anywhere;
 * and axe-core on every page, with a screenshot of each under {@code console/target/screenshots/}.
 */
class ConsoleBrowserTest {

  private static final String NODE = "demo-node-1";
  private static final String P12_PASSWORD = "correct horse battery staple";

  @TempDir
  static Path tmp;
  static StackHarness harness;
  static ConsoleBrowser browser;
  static String consoleUrl;

  @BeforeAll
  static void start() {
    harness = StackHarness.start(tmp.resolve("stack"));
    consoleUrl = harness.stack.console().publicUrl();
    browser = ConsoleBrowser.open(consoleUrl, tmp.resolve("browser"));
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      harness.close();
    }
  }

  @BeforeEach
  void freshBrowserState() {
    browser.forgetCookies();
    browser.clearDownloads();
  }

  // --- stories ------------------------------------------------------------------------------------------------

  @Test
  void alicesPkcs12CertificateWorksAtTheGatewayUntilSheRevokesItAndTheDenyAppearsLive() throws Exception {
    browser.signIn("/nodes", "alice", DevUsers.ALICE.password());
    assertTrue(browser.text("main table").contains(NODE), "alice sees her node");

    browser.open("/issue?nodeId=" + NODE);
    browser.find("#mode-pkcs12").click();
    new Select(browser.find("#keyAlgorithm")).selectByValue("RSA_2048");
    browser.find("#password").sendKeys(P12_PASSWORD);
    browser.find("#passwordConfirm").sendKeys(P12_PASSWORD);
    browser.find("form[action='/issue'] button[type=submit]").click();
    Bundle bundle = Bundle.read(browser.download(NODE + ".p12"), P12_PASSWORD);
    String serial = bundle.certificate.getSerialNumber().toString(16);

    try (GatewayClient gateway = harness.gateway(bundle.certificatePem(), ClientKeys.pkcs8Pem(bundle.key))) {
      assertEquals(200, gateway.get("/nodes/" + NODE + "/hello").status(), "the bundle works at the gateway");

      browser.open("/certificates/" + serial);
      assertEquals("active", browser.text("#certificate-status"));
      new Select(browser.find("#reason")).selectByValue("KEY_COMPROMISE");
      browser.find("form[action$='/revoke'] button.danger").click();
      browser.waitUntil("the confirmation page", d -> d.getTitle().startsWith("Revoke certificate"));
      browser.seen().find("form[method=post] button.danger").click();
      browser.waitUntil("back on the certificate", d -> d.getCurrentUrl().endsWith("/certificates/" + serial));
      browser.seen();
      assertEquals("revoked", browser.text("#certificate-status"), "the page shows the revocation confirmed");
      assertTrue(browser.text("#revoked-at").contains("UTC"), "and when");
      assertTrue(browser.text(".banner-success").contains("is revoked"));

      browser.open("/access");
      assertTrue(browser.findAll("#live[hx-trigger]").size() == 1, "the page updates itself");
      browser.script("window.__sameDocument = true;");
      assertFalse(browser.text("#decisions").contains("REVOKED"), "no denial before the call");

      GatewayClient.Answer denied = gateway.get("/nodes/" + NODE + "/hello");
      assertEquals(403, denied.status());
      assertEquals("REVOKED", denied.code());
    }

    String row = "//table[@id='decisions']/tbody/tr[td/a[@href='/certificates/" + serial + "'] and td[.='DENY'] and td[.='REVOKED']]";
    browser.waitUntil("the DENY (REVOKED) of " + serial + " in alice's access history without a reload",
        d -> !d.findElements(By.xpath(row)).isEmpty());
    assertEquals(Boolean.TRUE, browser.script("return window.__sameDocument === true"), "no reload happened");
    browser.screenshot("access-history-live-deny");
  }

  @Test
  void theCsrPathSignsTheTestsOwnKeyAndTheDownloadedChainWorksAtTheGateway() throws Exception {
    KeyPair keys = ClientKeys.ecP256();
    browser.signIn("/issue?nodeId=" + NODE, "alice", DevUsers.ALICE.password());
    browser.find("#mode-csr").click();
    browser.find("#csrPem").sendKeys(ClientKeys.csrPem(keys, NODE));
    browser.find("form[action='/issue'] button[type=submit]").click();
    browser.waitUntil("the issued page", d -> !d.findElements(By.id("chain-pem")).isEmpty());
    browser.seen();
    String serial = browser.text(".banner-success .mono");
    assertFalse(browser.source().contains("PRIVATE KEY"), "the key never reached the console");

    browser.find("#download-chain").click();
    String chain = Files.readString(browser.download(NODE + "-" + serial + ".pem"));
    List<X509Certificate> certificates = certificates(chain);
    assertTrue(certificates.size() >= 2, "the certificate and the CA chain");
    assertEquals(keys.getPublic(), certificates.get(0).getPublicKey(), "the certificate is for the test's own key");

    try (GatewayClient gateway = harness.gateway(chain, ClientKeys.pkcs8Pem(keys.getPrivate()))) {
      assertEquals(200, gateway.get("/nodes/" + NODE + "/hello").status());
    }
  }

  @Test
  void bobSeesNoneOfAlicesNodesCertificatesOrRecordsAndHerCertificateIsA404ForHim() {
    StackHarness.Session alice = harness.signIn(DevUsers.ALICE);
    String serial = harness.issued(alice, new JsonObject().put("nodeId", NODE)).getString("serialNumber");

    browser.signIn("/nodes", "bob", DevUsers.BOB.password());
    assertFalse(browser.source().contains(NODE), "no node of alice's");
    assertTrue(browser.text("main").contains("You have no nodes yet"));
    browser.open("/certificates");
    assertFalse(browser.source().contains(serial), "no certificate of alice's");
    assertFalse(browser.source().contains(NODE));
    browser.open("/access");
    assertFalse(browser.text("#decisions").contains(NODE), "no record of alice's");
    assertFalse(browser.source().contains(alice.userId()), "not even her user id");

    browser.open("/certificates/" + serial);
    assertEquals("Page not found", browser.text("h1"));
    assertTrue(browser.text("main").contains("UNKNOWN_CERTIFICATE"));
    browser.open("/certificates/ffffffffffffffff");
    assertEquals("Page not found", browser.text("h1"), "the same page as for a serial that does not exist");
  }

  @Test
  void theAuditorSearchesSeesTheTrailIntactAndTheCsvExportHoldsTheApisRows() throws Exception {
    StackHarness.Session alice = harness.signIn(DevUsers.ALICE);
    harness.issued(alice, new JsonObject().put("nodeId", NODE));
    StackHarness.Session auditor = harness.signIn(DevUsers.AUDITOR);
    Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    io.nodeward.stack.Poll.until("alice's new certificate in the trail", () -> harness.auditEvents(auditor,
        "nodeId=" + NODE + "&to=" + to), rows -> !rows.isEmpty());

    String filter = "/audit?nodeId=" + NODE + "&to=" + to.toString().replace("Z", "");
    browser.signIn(filter, "auditor", DevUsers.AUDITOR.password());
    assertFalse(browser.findAll("#records tbody a[href^='/audit/events/']").isEmpty(), "records are listed");

    browser.find("#export-csv").click();
    List<Map<String, String>> exported = Csv.read(Files.readString(browser.download("nodeward-audit.csv")));
    List<JsonObject> api = harness.auditEvents(auditor, "nodeId=" + NODE + "&to=" + to);
    assertEquals(api.size(), exported.size(), "as many rows as the API has");
    for (int i = 0; i < api.size(); i++) {
      assertEquals(api.get(i).getLong("sequence").toString(), exported.get(i).get("sequence"));
      assertEquals(api.get(i).getString("eventId"), exported.get(i).get("event_id"));
      assertEquals(api.get(i).getString("type"), exported.get(i).get("type"));
      assertEquals(new JsonObject(exported.get(i).get("event")), api.get(i).getJsonObject("event"), "the stored event itself");
    }

    JsonObject newest = api.get(0);
    browser.open("/audit/events/" + newest.getLong("sequence"));
    assertEquals("Record " + newest.getLong("sequence"), browser.text("h1"), "the record's own page, not a 404");
    assertTrue(browser.text("main").contains(newest.getString("eventId")), "its event id");
    assertTrue(browser.text("main").contains(newest.getString("leafHash")), "its place in the log");

    browser.open("/audit/integrity");
    browser.waitUntil("the verdict", d -> !d.findElements(By.id("integrity-verdict")).isEmpty());
    assertTrue(browser.text("#integrity-verdict").startsWith("Intact"), browser.text("#integrity-verdict"));
    assertEquals(harness.verifyAudit(auditor).getBoolean("intact", true), true);
  }

  @Test
  void theAdminProvisionsANodeAndAliceThenSeesIt() {
    browser.signIn("/admin/nodes", "admin", DevUsers.ADMIN.password());
    browser.find("#p-node").sendKeys("demo-node-2");
    browser.find("#p-owner").sendKeys(harness.stack.aliceUserId());
    browser.find("#p-upstream").sendKeys("http://127.0.0.1:" + harness.stack.demoNode().port());
    browser.find("form[action='/admin/nodes'] button[type=submit]").click();
    browser.waitUntil("the provisioning result", d -> !d.findElements(By.cssSelector(".banner-success")).isEmpty());
    browser.seen();
    assertTrue(browser.text(".banner-success").contains("demo-node-2"));
    browser.signOut();

    browser.signIn("/nodes", "alice", DevUsers.ALICE.password());
    assertTrue(browser.text("main table").contains("demo-node-2"), "alice sees the node the admin gave her");
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedTheCookieHasItsFlagsAndNoTokenIsInAnyPageUrlOrStorage() {
    StackHarness.Session alice = harness.signIn(DevUsers.ALICE);
    String serial = harness.issued(alice, new JsonObject().put("nodeId", NODE)).getString("serialNumber");
    browser.signIn("/nodes", "alice", DevUsers.ALICE.password());

    String forged = post("/certificates/" + serial + "/revoke", "reason=KEY_COMPROMISE");
    String wrong = post("/certificates/" + serial + "/revoke", "reason=KEY_COMPROMISE&_csrf=not-the-token");

    assertTrue(forged.startsWith("403 ") && forged.contains("CSRF_TOKEN_INVALID"), forged);
    assertTrue(wrong.startsWith("403 ") && wrong.contains("CSRF_TOKEN_INVALID"), wrong);
    assertEquals("active", harness.issuerGet("/v1/certificates/" + serial, alice).json().getString("status"),
        "nothing was revoked");

    Cookie session = browser.driver().manage().getCookieNamed("nodeward-session");
    assertNotNull(session, "the console's session cookie");
    assertTrue(session.isHttpOnly(), "HttpOnly");
    assertEquals("Lax", session.getSameSite());
    assertFalse(session.isSecure(), "not Secure on plain-http loopback (an https public URL makes it __Host- and Secure)");
    assertEquals("/", session.getPath());
    assertEquals(1, browser.driver().manage().getCookies().size(), "no other cookie: " + browser.driver().manage().getCookies());
    assertFalse(ConsoleBrowser.JWT.matcher(session.getValue()).find());

    for (String path : List.of("/nodes", "/certificates", "/certificates/" + serial, "/issue", "/access", "/account",
        "/certificates/" + serial + "/revoke?reason=SUPERSEDED")) {
      browser.open(path);
    }
    for (String seen : browser.everythingSeen()) {
      Matcher jwt = ConsoleBrowser.JWT.matcher(seen);
      assertFalse(jwt.find(), () -> "a token in a page, URL or storage: " + seen.substring(0, Math.min(200, seen.length())));
    }
    assertEquals("", browser.script("return document.cookie"), "no cookie is readable by script");
  }

  @Test
  void axeFindsNoSeriousOrCriticalViolationOnAnyPageAndEveryPageHasAScreenshot() throws Exception {
    Map<String, List<String>> violations = new LinkedHashMap<>();
    StackHarness.Session alice = harness.signIn(DevUsers.ALICE);
    String serial = harness.issued(alice, new JsonObject().put("nodeId", NODE)).getString("serialNumber");

    browser.open("/nodes");
    check("hosted-ui-sign-in", violations, false);
    browser.signIn("/nodes", "alice", DevUsers.ALICE.password());
    check("nodes", violations, true);
    browser.open("/certificates");
    check("certificates", violations, true);
    browser.open("/certificates/" + serial);
    check("certificate", violations, true);
    browser.open("/certificates/" + serial + "/revoke?reason=SUPERSEDED");
    check("revoke-confirm", violations, true);
    browser.open("/issue");
    check("issue", violations, true);
    browser.find("form[action='/issue'] button[type=submit]").click();
    browser.waitUntil("the form's errors", d -> !d.findElements(By.id("issue-errors")).isEmpty());
    browser.seen();
    check("issue-refused", violations, true);
    browser.open("/issue?nodeId=" + NODE);
    browser.find("#mode-csr").click();
    browser.find("#csrPem").sendKeys(ClientKeys.csrPem(ClientKeys.ecP256(), NODE));
    browser.find("form[action='/issue'] button[type=submit]").click();
    browser.waitUntil("the issued page", d -> !d.findElements(By.id("chain-pem")).isEmpty());
    browser.seen();
    check("issued", violations, true);
    browser.open("/access");
    check("access-history", violations, true);
    browser.open("/account");
    check("account", violations, true);
    browser.open("/no/such/page");
    check("not-found", violations, true);
    browser.signOut();
    check("signed-out", violations, true);

    browser.signIn("/audit", "auditor", DevUsers.AUDITOR.password());
    check("audit-search", violations, true);
    String record = browser.find("#records tbody a[href^='/audit/events/']").getAttribute("href");
    browser.driver().get(record);
    browser.seen();
    check("audit-record", violations, true);
    browser.open("/audit/integrity");
    browser.waitUntil("the verdict", d -> !d.findElements(By.id("integrity-verdict")).isEmpty());
    check("audit-integrity", violations, true);
    browser.open("/audit/summary");
    check("audit-summary", violations, true);
    browser.signOut();

    browser.signIn("/admin/nodes", "admin", DevUsers.ADMIN.password());
    check("admin-provisioning", violations, true);
    browser.open("/admin/nodes/" + NODE + "/deprovision");
    check("admin-deprovision-confirm", violations, true);
    browser.open("/nodes");
    check("nodes-admin", violations, true);

    violations.values().removeIf(List::isEmpty);
    assertTrue(violations.isEmpty(), "serious or critical accessibility violations: " + violations);
  }

  // --- helpers -----------------------------------------------------------------------------------------------

  /** Screenshot, and (for the console's own pages) axe-core's serious and critical findings. */
  private static void check(String page, Map<String, List<String>> violations, boolean ours) {
    browser.screenshot(page);
    if (ours) {
      violations.put(page, browser.seriousAccessibilityViolations());
    }
  }

  /** A form post made by script in the signed-in page, without the page's CSRF token: status and body. */
  private static String post(String path, String form) {
    return String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
            + " body: arguments[1], credentials: 'same-origin', redirect: 'manual'})"
            + ".then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('failed ' + e));",
        path, form));
  }

  private static List<X509Certificate> certificates(String pem) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    Collection<? extends Certificate> all = factory.generateCertificates(
        new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    List<X509Certificate> list = new ArrayList<>();
    all.forEach(c -> list.add((X509Certificate) c));
    return list;
  }

  /** A PKCS#12 bundle opened with its password: the key, the certificate and the chain. */
  private record Bundle(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {

    static Bundle read(Path file, String password) throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password.toCharArray());
      }
      String alias = store.aliases().nextElement();
      PrivateKey key = (PrivateKey) store.getKey(alias, password.toCharArray());
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : store.getCertificateChain(alias)) {
        chain.add((X509Certificate) c);
      }
      return new Bundle(key, chain.get(0), chain);
    }

    String certificatePem() throws Exception {
      StringBuilder pem = new StringBuilder();
      for (X509Certificate c : chain) {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
      return pem.toString();
    }
  }
}
