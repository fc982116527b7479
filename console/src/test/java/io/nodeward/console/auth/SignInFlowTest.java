package io.nodeward.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.console.testing.Browser;
import io.nodeward.console.testing.ConsoleFixture;
import io.nodeward.identity.DevUsers;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's sign-in, session and sign-out against the real dev identity provider, hop by hop: authorization
 * code with PKCE, state and nonce, the session cookie, CSRF on sign-out, the hosted UI's logout.
 */
class SignInFlowTest {

  private static final String COOKIE = "nodeward-session";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir
  static Path dataDir;
  static ConsoleFixture fixture;
  Browser browser;

  @BeforeAll
  static void start() {
    fixture = ConsoleFixture.start(dataDir, Map.of());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void newBrowser() {
    browser = new Browser(fixture.vertx);
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  private static String csrfToken(String html) {
    Matcher m = CSRF.matcher(html);
    assertTrue(m.find(), "the page carries a CSRF token");
    return m.group(1);
  }

  @Test
  void signingInThroughTheHostedUiComesBackToThePageAskedFor() {
    HttpResponse<Buffer> asked = browser.get(fixture.url + "/account?tab=1");
    assertEquals(302, asked.statusCode());
    assertEquals("/signin?return=%2Faccount%3Ftab%3D1", asked.getHeader("Location"));

    HttpResponse<Buffer> toIdp = browser.get(fixture.url + asked.getHeader("Location"));
    assertEquals(302, toIdp.statusCode());
    String authorize = toIdp.getHeader("Location");
    assertTrue(authorize.startsWith(fixture.idp.baseUrl() + "/oauth2/authorize?"), authorize);
    Map<String, String> params = query(authorize);
    assertEquals("code", params.get("response_type"));
    assertEquals("nodeward-console", params.get("client_id"));
    assertEquals(fixture.url + "/callback", params.get("redirect_uri"));
    assertEquals("S256", params.get("code_challenge_method"));
    assertEquals(43, params.get("code_challenge").length());
    assertEquals(43, params.get("state").length());
    assertEquals(43, params.get("nonce").length());
    assertFalse(authorize.contains("code_verifier"), "the verifier never leaves the server");
    String preSignInSession = browser.cookie(COOKIE);
    assertNotNull(preSignInSession);

    HttpResponse<Buffer> page = fixture.signIn(browser, "/account?tab=1", "alice", DevUsers.ALICE.password());

    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("<dd>alice</dd>"), page.bodyAsString());
    assertNotEquals(preSignInSession, browser.cookie(COOKIE), "a new session id at sign-in (session fixation)");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLaxAndHoldsNoToken() {
    browser.get(fixture.url + "/signin");
    HttpResponse<Buffer> toIdp = browser.get(fixture.url + "/signin?return=/account");
    HttpResponse<Buffer> form = browser.get(toIdp.getHeader("Location"));
    HttpResponse<Buffer> back = browser.post(fixture.idp.baseUrl() + "/login",
        Browser.hiddenFields(form.bodyAsString()).add("username", "alice").add("password", DevUsers.ALICE.password()));
    HttpResponse<Buffer> callback = browser.get(back.getHeader("Location"));

    assertEquals(303, callback.statusCode());
    List<String> cookies = callback.cookies();
    assertEquals(1, cookies.size(), "only the session cookie: " + cookies);
    String cookie = cookies.get(0);
    assertTrue(cookie.startsWith(COOKIE + "="), cookie);
    assertTrue(cookie.contains("HTTPOnly") || cookie.toLowerCase().contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Lax"), cookie);
    assertTrue(cookie.contains("Path=/"), cookie);
    assertFalse(cookie.toLowerCase().contains("secure"), "plain http on loopback: " + cookie);
    String value = cookie.substring(COOKIE.length() + 1, cookie.indexOf(';'));
    assertFalse(value.contains("."), "an opaque id, not a JWT: " + value);
    assertTrue(value.length() >= 64, "at least 256 bits: " + value);
  }

  @Test
  void anAnswerForASignInThisBrowserDidNotStartIsRefused() {
    // The victim's browser never started this sign-in; the attacker's code and state arrive anyway (login CSRF).
    try (Browser attacker = new Browser(fixture.vertx)) {
      HttpResponse<Buffer> toIdp = attacker.get(fixture.url + "/signin");
      HttpResponse<Buffer> form = attacker.get(toIdp.getHeader("Location"));
      HttpResponse<Buffer> back = attacker.post(fixture.idp.baseUrl() + "/login",
          Browser.hiddenFields(form.bodyAsString()).add("username", "bob").add("password", DevUsers.BOB.password()));

      HttpResponse<Buffer> victim = browser.get(back.getHeader("Location"));

      assertEquals(400, victim.statusCode());
      assertTrue(victim.bodyAsString().contains("STATE_MISMATCH"), victim.bodyAsString());
      assertFalse(victim.bodyAsString().contains("Exception"), "no stack trace");
      assertEquals(302, browser.get(fixture.url + "/account").statusCode(), "the victim is not signed in as bob");
    }
  }

  @Test
  void aSignInAnswerWorksOnce() {
    HttpResponse<Buffer> toIdp = browser.get(fixture.url + "/signin");
    HttpResponse<Buffer> form = browser.get(toIdp.getHeader("Location"));
    HttpResponse<Buffer> back = browser.post(fixture.idp.baseUrl() + "/login",
        Browser.hiddenFields(form.bodyAsString()).add("username", "alice").add("password", DevUsers.ALICE.password()));
    assertEquals(303, browser.get(back.getHeader("Location")).statusCode());

    HttpResponse<Buffer> replay = browser.get(back.getHeader("Location"));

    assertEquals(400, replay.statusCode());
    assertTrue(replay.bodyAsString().contains("STATE_MISMATCH"));
  }

  @Test
  void anErrorFromTheHostedUiIsASentence() {
    HttpResponse<Buffer> page = browser.get(fixture.url + "/callback?error=access_denied&state=x");

    assertEquals(400, page.statusCode());
    assertTrue(page.bodyAsString().contains("The sign-in was not completed"), page.bodyAsString());
    assertTrue(page.bodyAsString().contains("SIGN_IN_ACCESS_DENIED"));
  }

  @Test
  void theReturnPathCannotLeaveTheConsole() {
    HttpResponse<Buffer> page = fixture.signIn(browser, "/signin?return=//evil.example/x", "alice", DevUsers.ALICE.password());

    // /signin sends a signed-in browser to the sanitized path "/", which is the nodes page (issuer down here: 503)
    assertTrue(page.statusCode() == 200 || page.statusCode() == 503, "stayed on the console: " + page.statusCode());
    assertFalse(page.bodyAsString().contains("evil.example"));
  }

  @Test
  void signOutNeedsTheCsrfTokenThenEndsTheSessionThroughTheHostedUiLogout() {
    String html = fixture.signIn(browser, "/account", "alice", DevUsers.ALICE.password()).bodyAsString();
    String token = csrfToken(html);

    HttpResponse<Buffer> forged = browser.post(fixture.url + "/signout", MultiMap.caseInsensitiveMultiMap());
    assertEquals(403, forged.statusCode());
    assertTrue(forged.bodyAsString().contains("CSRF_TOKEN_INVALID"));
    HttpResponse<Buffer> wrong = browser.post(fixture.url + "/signout", MultiMap.caseInsensitiveMultiMap().add("_csrf", token + "x"));
    assertEquals(403, wrong.statusCode());
    HttpResponse<Buffer> crossSite = browser.post(fixture.url + "/signout", MultiMap.caseInsensitiveMultiMap().add("_csrf", token),
        "Origin", "https://evil.example");
    assertEquals(403, crossSite.statusCode());
    assertEquals(200, browser.get(fixture.url + "/account").statusCode(), "still signed in after the refusals");

    HttpResponse<Buffer> out = browser.post(fixture.url + "/signout", MultiMap.caseInsensitiveMultiMap().add("_csrf", token));

    assertEquals(303, out.statusCode());
    assertEquals(fixture.idp.baseUrl() + "/logout?client_id=nodeward-console&logout_uri="
        + java.net.URLEncoder.encode(fixture.url + "/signed-out", StandardCharsets.UTF_8), out.getHeader("Location"));
    HttpResponse<Buffer> signedOut = browser.follow(out, fixture.url);
    assertEquals(200, signedOut.statusCode());
    assertTrue(signedOut.bodyAsString().contains("You are signed out"));
    assertEquals(302, browser.get(fixture.url + "/account").statusCode(), "the session is gone");
  }

  @Test
  void aSessionCookieReplayedAfterSignOutIsNoSession() {
    String token = csrfToken(fixture.signIn(browser, "/account", "alice", DevUsers.ALICE.password()).bodyAsString());
    String cookie = browser.cookie(COOKIE);
    assertEquals(303, browser.post(fixture.url + "/signout", MultiMap.caseInsensitiveMultiMap().add("_csrf", token)).statusCode());

    browser.setCookie(COOKIE, cookie); // kept by an attacker or an old tab

    assertEquals(302, browser.get(fixture.url + "/account").statusCode(), "the session ended on the server, not only in the cookie");
  }

  @Test
  void anExpiredOrUnknownSessionGoesBackThroughSignInToThePageAskedFor() {
    browser.setCookie(COOKIE, "0".repeat(64)); // what a browser holds after the server forgot its session

    HttpResponse<Buffer> page = fixture.signIn(browser, "/account?x=1", "alice", DevUsers.ALICE.password());

    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("Your account"));
  }

  @Test
  void aLiveViewWhoseSessionEndedAsksTheWholePageToSignIn() {
    HttpResponse<Buffer> poll = browser.get(fixture.url + "/account", "HX-Request", "true");

    assertEquals(200, poll.statusCode());
    assertNull(poll.getHeader("Location"));
    assertEquals("/signin?return=%2F", poll.getHeader("HX-Redirect"));
  }
}
