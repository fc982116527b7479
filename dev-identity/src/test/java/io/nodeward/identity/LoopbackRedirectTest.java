package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hosted UI's loopback redirect for the native command-line client (RFC 8252 §7.3), driven as a browser would. */
class LoopbackRedirectTest {

  private static final String CLI = "nodeward-cli";
  private static final String CONSOLE = "nodeward-console";

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

  private static MultiMap params(String clientId, String redirectUri, HostedUiFlowTest.Pkce pkce) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("response_type", "code")
        .add("client_id", clientId)
        .add("redirect_uri", redirectUri)
        .add("state", "s1")
        .add("code_challenge", pkce.challenge())
        .add("code_challenge_method", "S256");
  }

  private static HttpResponse<Buffer> authorize(MultiMap params) {
    var request = browser.getAbs(idp.baseUrl() + "/oauth2/authorize");
    params.forEach(request::addQueryParam);
    return Await.result(request.send());
  }

  private static HttpResponse<Buffer> login(MultiMap params) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(params)
        .add("username", "alice").add("password", DevUsers.ALICE.password());
    return Await.result(browser.postAbs(idp.baseUrl() + "/login").sendForm(form));
  }

  @Test
  void theCliGetsItsCodeOnWhateverLoopbackPortItListensOn() throws Exception {
    HostedUiFlowTest.Pkce pkce = HostedUiFlowTest.Pkce.create();
    String redirectUri = "http://127.0.0.1:51234/callback";
    MultiMap params = params(CLI, redirectUri, pkce);

    assertEquals(200, authorize(params).statusCode());
    HttpResponse<Buffer> redirect = login(params);

    assertEquals(302, redirect.statusCode());
    String location = redirect.getHeader("Location");
    assertTrue(location.startsWith(redirectUri + "?code="), location);
    Map<String, String> query = HostedUiFlowTest.query(location);
    HttpResponse<Buffer> tokens = Await.result(browser.postAbs(idp.baseUrl() + "/oauth2/token").sendForm(
        MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "authorization_code").add("client_id", CLI).add("redirect_uri", redirectUri)
            .add("code", query.get("code")).add("code_verifier", pkce.verifier())));
    assertEquals(200, tokens.statusCode(), tokens.bodyAsString());
    assertNotNull(tokens.bodyAsJsonObject().getString("access_token"));
  }

  @Test
  void aWebClientCannotUseALoopbackRedirect() throws Exception {
    MultiMap params = params(CONSOLE, "http://127.0.0.1:51234/callback", HostedUiFlowTest.Pkce.create());

    HttpResponse<Buffer> atAuthorize = authorize(params);
    HttpResponse<Buffer> atLogin = login(params);

    assertEquals(400, atAuthorize.statusCode());
    assertNull(atAuthorize.getHeader("Location"));
    assertEquals(400, atLogin.statusCode());
    assertNull(atLogin.getHeader("Location"));
  }

  @Test
  void theCliCannotBeRedirectedToANameOrAnotherHost() throws Exception {
    for (String uri : new String[] {"http://localhost:51234/callback", "http://attacker.example:51234/callback"}) {
      HttpResponse<Buffer> response = authorize(params(CLI, uri, HostedUiFlowTest.Pkce.create()));
      assertEquals(400, response.statusCode(), uri);
      assertNull(response.getHeader("Location"), uri);
    }
  }
}
