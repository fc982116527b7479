package io.nodeward.issuer.testing;

import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.IssuerService;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.KafkaSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real issuer for API tests: a real broker (the caller's), the dev identity provider minting real RS256
 * Cognito-shaped tokens, and the issuer wired exactly as in production through IssuerConfig.fromEnv.
 */
public final class IssuerTestBed implements AutoCloseable {

  public final Vertx vertx;
  public final DevIdentityProvider idp;
  public final String bootstrap;
  public final Path dataDir;
  public IssuerService issuer;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private IssuerTestBed(Vertx vertx, DevIdentityProvider idp, String bootstrap, Path dataDir) {
    this.vertx = vertx;
    this.idp = idp;
    this.bootstrap = bootstrap;
    this.dataDir = dataDir;
  }

  public static IssuerTestBed start(KafkaSettings kafka, Path dataDir) {
    return start(kafka, dataDir, Map.of());
  }

  /** @param overrides issuer variables set on top of the test defaults */
  public static IssuerTestBed start(KafkaSettings kafka, Path dataDir, Map<String, String> overrides) {
    Vertx vertx = Vertx.vertx();
    DevIdentityProvider idp = DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)).await();
    IssuerTestBed bed = new IssuerTestBed(vertx, idp, kafka.bootstrapServers(), dataDir);
    bed.issuer = IssuerService.start(vertx, bed.config(kafka, overrides)).await();
    return bed;
  }

  public IssuerConfig config(KafkaSettings kafka, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(Map.of(
        "NODEWARD_PROFILE", "dev", // the dev identity provider over http, a plaintext loopback broker
        "NODEWARD_ISSUER_PORT", "0",
        "NODEWARD_ISSUER_MTLS_PORT", "0",
        "NODEWARD_DATA_DIR", dataDir.toString(),
        "NODEWARD_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
        "NODEWARD_COGNITO_ISSUER", idp.issuer(),
        "NODEWARD_COGNITO_CLIENT_IDS", String.join(",", idp.clientIds()),
        "NODEWARD_CERT_MAX_VALIDITY", "30d",
        "NODEWARD_CA_KEYSTORE_PASSWORD", "issuer-test-keystore-password"));
    env.putAll(overrides);
    return IssuerConfig.fromEnv(Env.of(env)).withKafka(kafka.withClientId("nodeward-issuer"));
  }

  public String clientId() {
    return idp.clientIds().get(0);
  }

  /** A real sign-in (USER_PASSWORD_AUTH path) returning the access token. */
  public String token(DevUsers.Credentials user) {
    return idp.tokens().signIn(user.username(), user.password(), clientId()).await().accessToken();
  }

  /** The Cognito sub inside a token: the userId nodeward uses. */
  public static String sub(String token) {
    String payload = token.split("\\.")[1];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).getString("sub");
  }

  public String base() {
    return "http://127.0.0.1:" + issuer.port();
  }

  public HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String token, String body) {
    return send(postRequest(path, token, body, "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> delete(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).DELETE().header("Authorization", "Bearer " + token)
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpRequest.Builder postRequest(String path, String token, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Provisions a node as admin and returns the response. */
  public HttpResponse<String> provision(String adminToken, String nodeId, String ownerUserId) {
    return post("/v1/admin/nodes", adminToken, new JsonObject().put("nodeId", nodeId).put("ownerUserId", ownerUserId)
        .put("upstreamUrl", "http://127.0.0.1:9000/" + nodeId).encode());
  }

  @Override
  public void close() {
    if (issuer != null) {
      issuer.close().await();
    }
    idp.close().await();
    vertx.close().await();
  }
}
