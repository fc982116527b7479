package io.nodeward.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev identity provider has the health shape and the metrics every nodeward service has. */
class DevIdentityObservabilityTest {

  @TempDir
  static Path dataDir;
  static Vertx vertx;
  static DevIdentityProvider idp;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)));
  }

  @AfterAll
  static void stop() {
    Await.result(idp.close());
    Await.result(vertx.close());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(idp.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int initiateAuth(String username, String password) throws Exception {
    String body = new JsonObject().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", idp.clientIds().get(0))
        .put("AuthParameters", new JsonObject().put("USERNAME", username).put("PASSWORD", password)).encode();
    return http.send(HttpRequest.newBuilder(URI.create(idp.baseUrl() + "/"))
        .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void healthHasLivenessAndReadinessWithItsSigningKeys() throws Exception {
    assertEquals(new JsonObject().put("status", "UP").put("service", "dev-identity"),
        new JsonObject(get("/health/live").body()));
    HttpResponse<String> ready = get("/health/ready");
    assertEquals(200, ready.statusCode());
    JsonObject check = new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("signingKeys");
    assertEquals("UP", check.getString("status"));
    assertTrue(check.getInteger("keys") >= 1);
  }

  @Test
  void signInsAreCountedByOutcomeAndJwksFetchesCounted() throws Exception {
    assertEquals(200, initiateAuth("alice", DevUsers.ALICE.password()));
    assertEquals(400, initiateAuth("alice", "wrong-password"));
    assertEquals(400, initiateAuth("alice", "wrong-again"));
    get("/" + idp.poolId() + "/.well-known/jwks.json");

    String metrics = get("/metrics").body();
    assertTrue(metrics.contains("nodeward_identity_sign_ins_total{outcome=\"success\"} 1.0"), metrics);
    assertTrue(metrics.contains("nodeward_identity_sign_ins_total{outcome=\"bad_credentials\"} 2.0"), metrics);
    assertTrue(metrics.contains("nodeward_identity_tokens_minted_total 1.0"), metrics);
    assertTrue(metrics.contains("nodeward_identity_jwks_requests_total " + (double) idp.jwksRequests()), metrics);
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics are bound too");
  }
}
