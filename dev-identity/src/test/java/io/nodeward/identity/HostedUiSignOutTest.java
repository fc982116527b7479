package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.testing.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing out through the hosted UI as Cognito's does: {@code /oauth2/revoke} for the refresh token, {@code /logout}. */
class HostedUiSignOutTest {

  private static final String CONSOLE = "nodeward-console";
  private static final String SIGNED_OUT = "http://127.0.0.1:3000/signed-out";

  @TempDir
  static Path dataDir;
  static Vertx vertx;
  static DevIdentityProvider idp;
  static WebClient browser;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  @AfterAll
  static void stop() {
    browser.close();
    Await.result(idp.close());
    Await.result(vertx.close());
  }

  private static HttpResponse<Buffer> logout(String clientId, String logoutUri) {
    var request = browser.getAbs(idp.baseUrl() + "/logout");
    if (clientId != null) {
      request.addQueryParam("client_id", clientId);
    }
    if (logoutUri != null) {
      request.addQueryParam("logout_uri", logoutUri);
    }
    return Await.result(request.send());
  }

  private static HttpResponse<Buffer> post(String path, MultiMap form) {
    return Await.result(browser.postAbs(idp.baseUrl() + path).sendForm(form));
  }

  private static MultiMap refreshGrant(String refreshToken, String clientId) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "refresh_token").add("refresh_token", refreshToken).add("client_id", clientId);
  }

  @Test
  void logoutRedirectsToARegisteredSignOutUrl() {
    HttpResponse<Buffer> response = logout(CONSOLE, SIGNED_OUT);

    assertEquals(302, response.statusCode());
    assertEquals(SIGNED_OUT, response.getHeader("Location"));
    assertEquals("no-store", response.getHeader("Cache-Control"));
  }

  @Test
  void logoutNeverRedirectsToAnUnregisteredUrlOrForAnUnknownClient() {
    HttpResponse<Buffer> evil = logout(CONSOLE, "https://evil.example/signed-out");
    HttpResponse<Buffer> prefix = logout(CONSOLE, SIGNED_OUT + "/../../evil");
    HttpResponse<Buffer> missing = logout(CONSOLE, null);
    HttpResponse<Buffer> client = logout("someone-else", SIGNED_OUT);

    for (HttpResponse<Buffer> response : java.util.List.of(evil, prefix, missing, client)) {
      assertEquals(400, response.statusCode());
      assertNull(response.getHeader("Location"));
    }
    assertTrue(evil.bodyAsString().contains("sign-out URL"));
    assertTrue(client.bodyAsString().contains("client_id"));
  }

  @Test
  void aRevokedRefreshTokenNoLongerRefreshes() {
    Tokens tokens = Await.result(idp.tokens().signIn("alice", DevUsers.ALICE.password(), CONSOLE));
    assertEquals(200, post("/oauth2/token", refreshGrant(tokens.refreshToken(), CONSOLE)).statusCode());

    HttpResponse<Buffer> revoked = post("/oauth2/revoke",
        MultiMap.caseInsensitiveMultiMap().add("token", tokens.refreshToken()).add("client_id", CONSOLE));

    assertEquals(200, revoked.statusCode());
    HttpResponse<Buffer> refresh = post("/oauth2/token", refreshGrant(tokens.refreshToken(), CONSOLE));
    assertEquals(400, refresh.statusCode());
    assertEquals("invalid_grant", refresh.bodyAsJsonObject().getString("error"));
  }

  @Test
  void onlyTheClientATokenWasIssuedToCanRevokeIt() {
    Tokens tokens = Await.result(idp.tokens().signIn("bob", DevUsers.BOB.password(), CONSOLE));

    HttpResponse<Buffer> otherClient = post("/oauth2/revoke",
        MultiMap.caseInsensitiveMultiMap().add("token", tokens.refreshToken()).add("client_id", "nodeward-cli"));

    assertEquals(200, otherClient.statusCode(), "RFC 7009 §2.2: the answer does not tell whether the token existed");
    assertEquals(200, post("/oauth2/token", refreshGrant(tokens.refreshToken(), CONSOLE)).statusCode(), "still alive");
  }

  @Test
  void revokeWantsATokenAndAKnownClient() {
    assertEquals(400, post("/oauth2/revoke", MultiMap.caseInsensitiveMultiMap().add("client_id", CONSOLE)).statusCode());
    HttpResponse<Buffer> unknown = post("/oauth2/revoke",
        MultiMap.caseInsensitiveMultiMap().add("token", "x").add("client_id", "nobody"));
    assertEquals(400, unknown.statusCode());
    assertEquals("invalid_client", unknown.bodyAsJsonObject().getString("error"));
  }
}
