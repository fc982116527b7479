package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.testing.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser flow of the hosted UI, driven as a browser would: authorize, log in, follow the redirect, redeem. */
class HostedUiFlowTest {

  @TempDir
  static Path dataDir;
  static Vertx vertx;
  static DevIdentityProvider idp;
  static WebClient browser;
  static String clientId;
  static String redirectUri;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
    clientId = idp.clientIds().get(0);
    redirectUri = idp.config().redirectUris().get(0);
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  @AfterAll
  static void stop() {
    browser.close();
    Await.result(idp.close());
    Await.result(vertx.close());
  }

  /** A PKCE verifier and its S256 challenge (RFC 7636 §4.1–4.2). */
  record Pkce(String verifier, String challenge) {
    static Pkce create() throws Exception {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
    }
  }

  static MultiMap authorizeParams(Pkce pkce, String redirect) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("response_type", "code")
        .add("client_id", clientId)
        .add("redirect_uri", redirect)
        .add("state", "st<ate>&1")
        .add("code_challenge", pkce.challenge())
        .add("code_challenge_method", "S256")
        .add("scope", "openid email")
        .add("nonce", "n-0S6_WzA2Mj");
  }

  static HttpResponse<Buffer> authorize(MultiMap params) {
    var request = browser.getAbs(idp.baseUrl() + "/oauth2/authorize");
    params.forEach(request::addQueryParam);
    return Await.result(request.send());
  }

  static HttpResponse<Buffer> login(MultiMap params, String username, String password) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(params).add("username", username).add("password", password);
    return Await.result(browser.postAbs(idp.baseUrl() + "/login").sendForm(form));
  }

  static Map<String, String> query(String location) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  static HttpResponse<Buffer> token(MultiMap form) {
    return Await.result(browser.postAbs(idp.baseUrl() + "/oauth2/token").sendForm(form));
  }

  static MultiMap codeGrant(String code, String verifier) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "authorization_code")
        .add("client_id", clientId)
        .add("redirect_uri", redirectUri)
        .add("code", code)
        .add("code_verifier", verifier);
  }

  /** Authorize and log in as alice; the code from the redirect. */
  static String codeFor(Pkce pkce) {
    MultiMap params = authorizeParams(pkce, redirectUri);
    assertEquals(200, authorize(params).statusCode());
    HttpResponse<Buffer> redirect = login(params, "alice", DevUsers.ALICE.password());
    assertEquals(302, redirect.statusCode());
    Map<String, String> query = query(redirect.getHeader("Location"));
    assertEquals("st<ate>&1", query.get("state"));
    return query.get("code");
  }

  static JsonObject claims(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  @Test
  void authorizeShowsALoginFormThatCarriesTheRequestEscaped() throws Exception {
    HttpResponse<Buffer> page = authorize(authorizeParams(Pkce.create(), redirectUri));

    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader("Content-Type").startsWith("text/html"));
    String html = page.bodyAsString();
    assertTrue(html.contains("name=\"password\""));
    assertTrue(html.contains("value=\"st&lt;ate&gt;&amp;1\""), "state is carried, HTML-escaped");
    assertFalse(html.contains("st<ate>"), "request values never reach the page unescaped");
    assertEquals("DENY", page.getHeader("X-Frame-Options"));
  }

  @Test
  void theLoginFormMayFollowItsAnswerToTheRegisteredRedirectUriAndNowhereElse() throws Exception {
    HttpResponse<Buffer> page = authorize(authorizeParams(Pkce.create(), redirectUri));

    // Browsers hold the redirect after a form post to form-action too: without the client's origin, sign-in stops there.
    String csp = page.getHeader("Content-Security-Policy");
    URI client = URI.create(redirectUri);
    assertTrue(csp.contains("form-action 'self' " + client.getScheme() + "://" + client.getRawAuthority() + ";"), csp);
    assertFalse(csp.contains("script-src"), "and still no script at all: " + csp);
  }

  @Test
  void fullPkceFlowEndsWithTokensForTheUserWhoLoggedIn() throws Exception {
    Pkce pkce = Pkce.create();
    String code = codeFor(pkce);

    HttpResponse<Buffer> response = token(codeGrant(code, pkce.verifier()));

    assertEquals(200, response.statusCode());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    JsonObject tokens = response.bodyAsJsonObject();
    assertEquals("Bearer", tokens.getString("token_type"));
    assertEquals(3600, tokens.getInteger("expires_in"));
    assertNotNull(tokens.getString("refresh_token"));
    JsonObject access = claims(tokens.getString("access_token"));
    assertEquals("alice", access.getString("username"));
    assertEquals("openid email", access.getString("scope"));
    assertEquals(clientId, access.getString("client_id"));
    assertEquals(clientId, claims(tokens.getString("id_token")).getString("aud"));
    assertEquals("n-0S6_WzA2Mj", claims(tokens.getString("id_token")).getString("nonce"), "OIDC nonce echoed");
  }

  @Test
  void userInfoAnswersForTheAccessTokenAndRefusesTheIdToken() throws Exception {
    Pkce pkce = Pkce.create();
    JsonObject tokens = token(codeGrant(codeFor(pkce), pkce.verifier())).bodyAsJsonObject();

    HttpResponse<Buffer> withAccess = Await.result(browser.getAbs(idp.baseUrl() + "/oauth2/userInfo")
        .bearerTokenAuthentication(tokens.getString("access_token")).send());
    HttpResponse<Buffer> withId = Await.result(browser.getAbs(idp.baseUrl() + "/oauth2/userInfo")
        .bearerTokenAuthentication(tokens.getString("id_token")).send());

    assertEquals(200, withAccess.statusCode());
    assertEquals("alice", withAccess.bodyAsJsonObject().getString("username"));
    assertEquals(401, withId.statusCode());
    assertEquals("invalid_token", withId.bodyAsJsonObject().getString("error"));
  }

  @Test
  void refreshTokenGrantReturnsNewTokensWithoutANewRefreshToken() throws Exception {
    Pkce pkce = Pkce.create();
    JsonObject tokens = token(codeGrant(codeFor(pkce), pkce.verifier())).bodyAsJsonObject();

    HttpResponse<Buffer> refreshed = token(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "refresh_token").add("client_id", clientId).add("refresh_token", tokens.getString("refresh_token")));
    HttpResponse<Buffer> forged = token(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "refresh_token").add("client_id", clientId).add("refresh_token", "forged"));

    assertEquals(200, refreshed.statusCode());
    assertEquals("alice", claims(refreshed.bodyAsJsonObject().getString("access_token")).getString("username"));
    assertNull(refreshed.bodyAsJsonObject().getValue("refresh_token"));
    assertEquals(400, forged.statusCode());
    assertEquals("invalid_grant", forged.bodyAsJsonObject().getString("error"));
  }

  @Test
  void aWrongCodeVerifierIsRejectedAndBurnsTheCode() throws Exception {
    Pkce pkce = Pkce.create();
    String code = codeFor(pkce);

    HttpResponse<Buffer> wrong = token(codeGrant(code, Pkce.create().verifier()));
    HttpResponse<Buffer> thenRight = token(codeGrant(code, pkce.verifier()));

    assertEquals(400, wrong.statusCode());
    assertEquals("invalid_grant", wrong.bodyAsJsonObject().getString("error"));
    assertEquals(400, thenRight.statusCode(), "a code is single-use even when the first attempt failed");
  }

  @Test
  void aCodeCannotBeRedeemedTwice() throws Exception {
    Pkce pkce = Pkce.create();
    String code = codeFor(pkce);

    HttpResponse<Buffer> first = token(codeGrant(code, pkce.verifier()));
    HttpResponse<Buffer> second = token(codeGrant(code, pkce.verifier()));

    assertEquals(200, first.statusCode());
    assertEquals(400, second.statusCode());
    assertEquals("invalid_grant", second.bodyAsJsonObject().getString("error"));
  }

  @Test
  void aCodeIsBoundToItsRedirectUri() throws Exception {
    Pkce pkce = Pkce.create();
    MultiMap grant = codeGrant(codeFor(pkce), pkce.verifier()).set("redirect_uri", idp.config().redirectUris().get(1));

    HttpResponse<Buffer> response = token(grant);

    assertEquals(400, response.statusCode());
    assertEquals("invalid_grant", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  void anUnregisteredRedirectUriIsRefusedWithoutRedirecting() throws Exception {
    Pkce pkce = Pkce.create();
    MultiMap params = authorizeParams(pkce, "https://attacker.example/steal");

    HttpResponse<Buffer> atAuthorize = authorize(params);
    HttpResponse<Buffer> atLogin = login(params, "alice", DevUsers.ALICE.password());

    assertEquals(400, atAuthorize.statusCode());
    assertNull(atAuthorize.getHeader("Location"));
    assertEquals(400, atLogin.statusCode(), "the form's carried redirect_uri is checked again");
    assertNull(atLogin.getHeader("Location"));
  }

  @Test
  void authorizeWithoutPkceS256RedirectsWithInvalidRequest() throws Exception {
    MultiMap plain = authorizeParams(Pkce.create(), redirectUri).set("code_challenge_method", "plain");
    MultiMap none = authorizeParams(Pkce.create(), redirectUri).remove("code_challenge");

    for (MultiMap params : new MultiMap[] {plain, none}) {
      HttpResponse<Buffer> response = authorize(params);
      assertEquals(302, response.statusCode());
      Map<String, String> query = query(response.getHeader("Location"));
      assertEquals("invalid_request", query.get("error"));
      assertNull(query.get("code"));
    }
  }

  @Test
  void aWrongPasswordAtLoginShowsTheFormAgainWithoutACode() throws Exception {
    HttpResponse<Buffer> response = login(authorizeParams(Pkce.create(), redirectUri), "alice", "wrong");

    assertEquals(401, response.statusCode());
    assertNull(response.getHeader("Location"));
    assertTrue(response.bodyAsString().contains("Incorrect username or password."));
  }

  @Test
  void theTokenEndpointWantsAFormAndAKnownGrantType() {
    HttpResponse<Buffer> json = Await.result(browser.postAbs(idp.baseUrl() + "/oauth2/token")
        .sendJsonObject(new JsonObject().put("grant_type", "authorization_code")));
    HttpResponse<Buffer> password = token(MultiMap.caseInsensitiveMultiMap().add("grant_type", "password"));
    HttpResponse<Buffer> missing = token(MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code"));

    assertEquals("invalid_request", json.bodyAsJsonObject().getString("error"));
    assertEquals("unsupported_grant_type", password.bodyAsJsonObject().getString("error"));
    assertEquals("invalid_request", missing.bodyAsJsonObject().getString("error"));
  }

  @Test
  void openidConfigurationPointsAtThisProvider() {
    JsonObject config = Await.result(browser.getAbs(idp.issuer() + "/.well-known/openid-configuration").send()).bodyAsJsonObject();

    assertEquals(idp.issuer(), config.getString("issuer"));
    assertEquals(idp.jwksUri(), config.getString("jwks_uri"));
    assertEquals(idp.baseUrl() + "/oauth2/authorize", config.getString("authorization_endpoint"));
    assertEquals(idp.baseUrl() + "/oauth2/token", config.getString("token_endpoint"));
    assertEquals("S256", config.getJsonArray("code_challenge_methods_supported").getString(0));
  }
}
