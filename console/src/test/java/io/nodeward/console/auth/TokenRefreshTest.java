package io.nodeward.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodeward.console.testing.Browser;
import io.nodeward.console.testing.ConsoleFixture;
import io.nodeward.identity.DevUsers;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access token is refreshed with the refresh token before it expires, and only then: counted where it happens,
 * at the identity provider ({@code nodeward_identity_tokens_minted_total}). The dev pool's tokens live an hour, so a
 * console told to refresh two hours ahead refreshes on every page, and one with the default 5 minutes never does.
 */
class TokenRefreshTest {

  private static final Pattern MINTED = Pattern.compile("(?m)^nodeward_identity_tokens_minted_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

  @TempDir
  static Path always;
  @TempDir
  static Path normal;
  static ConsoleFixture eager;
  static ConsoleFixture usual;

  @BeforeAll
  static void start() {
    eager = ConsoleFixture.start(always, Map.of("NODEWARD_CONSOLE_REFRESH_BEFORE", "2h"));
    usual = ConsoleFixture.start(normal, Map.of());
  }

  @AfterAll
  static void stop() {
    eager.close();
    usual.close();
  }

  private static long minted(ConsoleFixture fixture, Browser browser) {
    String metrics = browser.get(fixture.idp.baseUrl() + "/metrics").bodyAsString();
    Matcher m = MINTED.matcher(metrics);
    if (!m.find()) {
      throw new AssertionError("no tokens_minted counter in\n" + metrics);
    }
    return (long) Double.parseDouble(m.group(1));
  }

  @Test
  void aTokenAboutToExpireIsRefreshedBeforeThePageUsesIt() {
    try (Browser browser = new Browser(eager.vertx)) {
      eager.signIn(browser, "/account", "alice", DevUsers.ALICE.password());
      long before = minted(eager, browser);

      for (int i = 0; i < 3; i++) {
        assertEquals(200, browser.get(eager.url + "/account").statusCode(), "the session goes on with refreshed tokens");
      }

      assertEquals(before + 3, minted(eager, browser), "one refresh per page");
    }
  }

  @Test
  void aFreshTokenIsNotRefreshed() {
    try (Browser browser = new Browser(usual.vertx)) {
      usual.signIn(browser, "/account", "alice", DevUsers.ALICE.password());
      long before = minted(usual, browser);

      for (int i = 0; i < 3; i++) {
        assertEquals(200, browser.get(usual.url + "/account").statusCode());
      }

      assertEquals(before, minted(usual, browser));
    }
  }
}
