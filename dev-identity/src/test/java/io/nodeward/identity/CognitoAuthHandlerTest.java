package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.ProblemHandler;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route behind CognitoAuthHandler, called over HTTP with and without good tokens. */
class CognitoAuthHandlerTest {

  @TempDir
  static Path dataDir;
  static Vertx vertx;
  static DevIdentityProvider idp;
  static CognitoTokenVerifier verifier;
  static HttpServer server;
  static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
    verifier = CognitoTokenVerifier.create(vertx, CognitoConfig.of(idp.issuer(), Set.of(idp.clientIds().get(0))));
    Router router = Router.router(vertx);
    router.get("/whoami").handler(CognitoAuthHandler.create(verifier)).handler(ctx -> {
      Principal principal = CognitoAuthHandler.principal(ctx);
      ctx.json(new JsonObject().put("userId", principal.userId()).put("username", principal.username()).put("role", principal.role()));
    });
    router.route().failureHandler(ProblemHandler.create());
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    client.close();
    Await.result(server.close());
    Await.result(verifier.close());
    Await.result(idp.close());
    Await.result(vertx.close());
  }

  static HttpResponse<Buffer> whoami(String authorization) {
    HttpRequest<Buffer> request = client.get(server.actualPort(), "127.0.0.1", "/whoami");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return Await.result(request.send());
  }

  @Test
  void aValidBearerTokenReachesTheRouteWithItsPrincipal() {
    Tokens tokens = Await.result(idp.tokens().signIn("auditor", DevUsers.AUDITOR.password(), idp.clientIds().get(0)));

    HttpResponse<Buffer> response = whoami("Bearer " + tokens.accessToken());

    assertEquals(200, response.statusCode());
    assertEquals("auditor", response.bodyAsJsonObject().getString("username"));
    assertEquals("AUDITOR", response.bodyAsJsonObject().getString("role"));
    assertNull(response.getHeader("WWW-Authenticate"));
  }

  @Test
  void noAuthorizationHeaderIs401WithABareChallenge() {
    HttpResponse<Buffer> response = whoami(null);

    assertEquals(401, response.statusCode());
    assertEquals("Bearer", response.getHeader("WWW-Authenticate"));
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals("TOKEN_MISSING", response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void anotherSchemeCountsAsNoToken() {
    HttpResponse<Buffer> response = whoami("Basic YWxpY2U6cGFzcw==");

    assertEquals(401, response.statusCode());
    assertEquals("TOKEN_MISSING", response.bodyAsJsonObject().getString("code"));
  }

  @Test
  void aBadTokenIs401InvalidTokenWithAProblemBodyThatDoesNotEchoIt() {
    Tokens tokens = Await.result(idp.tokens().signIn("alice", DevUsers.ALICE.password(), idp.clientIds().get(0)));
    String forged = Forge.unsecured(tokens.accessToken());

    HttpResponse<Buffer> response = whoami("Bearer " + forged);

    assertEquals(401, response.statusCode());
    assertEquals("Bearer error=\"invalid_token\"", response.getHeader("WWW-Authenticate"));
    assertEquals("TOKEN_ALGORITHM_INVALID", response.bodyAsJsonObject().getString("code"));
    assertEquals(-1, response.bodyAsString().indexOf(forged.split("\\.")[1]));
  }
}
