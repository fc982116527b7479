package io.nodeward.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.console.testing.Browser;
import io.nodeward.console.testing.ConsoleFixture;
import io.nodeward.identity.DevUsers;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every page shares: headers, the 404 page, the banner when an API cannot be reached, the assets. */
class PagesTest {

  @TempDir
  static Path dataDir;
  static ConsoleFixture fixture;
  static Browser browser;

  @BeforeAll
  static void start() {
    fixture = ConsoleFixture.start(dataDir, Map.of());
    browser = new Browser(fixture.vertx);
    fixture.signIn(browser, "/account", "alice", DevUsers.ALICE.password());
  }

  @AfterAll
  static void stop() {
    browser.close();
    fixture.close();
  }

  @Test
  void everyPageCarriesAStrictContentSecurityPolicyAndIsNotCached() {
    HttpResponse<Buffer> page = browser.get(fixture.url + "/account");

    String csp = page.getHeader("Content-Security-Policy");
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertTrue(csp.contains("default-src 'none'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertFalse(csp.contains("unsafe-eval"), csp);
    assertEquals("no-store", page.getHeader("Cache-Control"));
    assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
    assertEquals("DENY", page.getHeader("X-Frame-Options"));
    assertTrue(page.getHeader("Server-Timing").startsWith("app;dur="));
    assertFalse(page.bodyAsString().contains("<script>"), "no inline script");
    assertFalse(page.bodyAsString().contains(" style=\""), "no inline style");
  }

  @Test
  void anUnknownPageIsA404Page() {
    HttpResponse<Buffer> page = browser.get(fixture.url + "/no/such/page");

    assertEquals(404, page.statusCode());
    assertTrue(page.bodyAsString().contains("Page not found"));
    assertTrue(page.bodyAsString().contains("Sign out"), "the page keeps the signed-in chrome");
  }

  @Test
  void anUnreachableApiIsABannerNotAStackTrace() {
    HttpResponse<Buffer> page = browser.get(fixture.url + "/nodes");

    assertEquals(503, page.statusCode());
    String html = page.bodyAsString();
    assertTrue(html.contains("The issuer API cannot be reached right now"), html);
    assertTrue(html.contains("ISSUER_API_UNAVAILABLE"));
    assertTrue(html.contains("role=\"alert\""));
    assertFalse(html.contains("Exception") || html.contains("at io."), "no stack trace");
  }

  @Test
  void theBrowserAssetsComeFromWebJarsWithTheirVersionsAndAreCachedLong() {
    String html = browser.get(fixture.url + "/account").bodyAsString();
    java.util.regex.Matcher htmx = java.util.regex.Pattern.compile("src=\"(/webjars/htmx.org/[^\"]+)\"").matcher(html);
    assertTrue(htmx.find(), html);

    HttpResponse<Buffer> js = browser.get(fixture.url + htmx.group(1));

    assertEquals(200, js.statusCode());
    assertTrue(js.bodyAsString().contains("htmx"));
    assertNotNull(js.getHeader("Cache-Control"));
    assertTrue(js.getHeader("Cache-Control").contains("max-age=31536000"), js.getHeader("Cache-Control"));
    java.util.regex.Matcher own = java.util.regex.Pattern.compile("src=\"(/static/[^\"]+/console.js)\"").matcher(html);
    assertTrue(own.find());
    assertEquals(200, browser.get(fixture.url + own.group(1)).statusCode());
  }

  @Test
  void healthSaysLiveAndThatTheApisAreDown() {
    HttpResponse<Buffer> live = browser.get(fixture.url + "/health/live");
    HttpResponse<Buffer> ready = browser.get(fixture.url + "/health/ready");

    assertEquals(200, live.statusCode());
    assertEquals("console", live.bodyAsJsonObject().getString("service"));
    assertEquals(503, ready.statusCode());
    assertEquals("DOWN", ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("issuerApi").getString("status"));
    assertEquals("UP", ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("hostedUi").getString("status"));
  }
}
