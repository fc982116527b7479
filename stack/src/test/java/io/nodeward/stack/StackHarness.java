package io.nodeward.stack;

import io.nodeward.identity.DevUsers;
import io.nodeward.kit.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/**
 * One running stack as a client sees it (public for the CLI's process tests in {@code io.nodeward.stack.cli}): started in this JVM exactly as StackMain starts it (every port 0, state
 * under a given directory), then driven only through its public interfaces: the Cognito JSON protocol through the
 * AWS SDK, the issuer's and audit service's HTTP APIs, and the mTLS gateway ({@link GatewayClient}).
 */
public final class StackHarness implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StackHarness.class);
  static final String CLIENT_ID = "nodeward-cli";
  /** Upper bound on any single call; a stack that does not answer fails the test with a message, not a hang. */
  static final Duration CALL_BOUND = Duration.ofSeconds(60);

  /** A signed-in user: the access token the services accept and the Cognito {@code sub} that is the user id. */
  public record Session(String username, String accessToken, String userId, String refreshToken) {
    @Override
    public String toString() {
      return "Session[" + username + "]";
    }
  }

  /** An HTTP answer: status and the body as JSON (null when it is not a JSON object). */
  public record Reply(int status, JsonObject json, String text, String contentType) {
    public String code() {
      return json == null ? null : json.getString("code");
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  public final Vertx vertx;
  public final NodewardStack stack;
  final Duration startup;
  private final WebClient web;
  private final CognitoIdentityProviderClient cognito;
  private String caPem;

  private StackHarness(Vertx vertx, NodewardStack stack, Duration startup) {
    this.vertx = vertx;
    this.stack = stack;
    this.startup = startup;
    this.web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));
    this.cognito = CognitoIdentityProviderClient.builder()
        .endpointOverride(URI.create(stack.identity().baseUrl()))
        .region(Region.US_EAST_1)
        // InitiateAuth is unauthenticated in Cognito; the SDK still wants credentials to exist.
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
        .build();
  }

  /** The environment a test stack runs with: every port free, state under {@code dataDir}. */
  public static Map<String, String> testEnv(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_DATA_DIR", dataDir.toString());
    for (String port : List.of("NODEWARD_ISSUER_PORT", "NODEWARD_ISSUER_MTLS_PORT", "NODEWARD_AUDIT_PORT", "NODEWARD_AUTHORIZER_GATEWAY_PORT",
        "NODEWARD_AUTHORIZER_ADMIN_PORT", "NODEWARD_AUTHORIZER_AUTHORIZE_PORT", "NODEWARD_IDP_PORT",
        "NODEWARD_STACK_KAFKA_PORT",
        "NODEWARD_STACK_DEMO_NODE_PORT", "NODEWARD_CONSOLE_PORT")) {
      env.put(port, "0");
    }
    return env;
  }

  public static StackHarness start(Path dataDir) {
    return start(testEnv(dataDir));
  }

  /** Starts a stack on its own Vert.x, as a fresh process would; logs how long it took (never asserted). */
  public static StackHarness start(Map<String, String> env) {
    return start(StackConfig.fromEnv(Env.of(env)));
  }

  public static StackHarness start(StackConfig config) {
    Vertx vertx = Vertx.vertx();
    long began = System.nanoTime();
    NodewardStack stack;
    try {
      stack = await(NodewardStack.start(vertx, config), "the stack to start");
    } catch (RuntimeException | Error e) {
      vertx.close();
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    LOG.info("STACK STARTUP: {} ms (issuer :{}, audit :{}, gateway :{}, idp {}, kafka {})", took.toMillis(),
        stack.issuer().port(), stack.audit().port(), stack.authorizer().gatewayPort(), stack.identity().baseUrl(),
        stack.bootstrapServers());
    return new StackHarness(vertx, stack, took);
  }

  @Override
  public void close() {
    cognito.close();
    web.close();
    long began = System.nanoTime();
    try {
      await(stack.close(), "the stack to stop");
    } finally {
      await(vertx.close(), "Vert.x to close");
    }
    LOG.info("STACK SHUTDOWN: {} ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
  }

  // --- sign-in through the AWS SDK, exactly as a Cognito client does ---------------------------------------

  public Session signIn(DevUsers.Credentials user) {
    AuthenticationResultType result = cognito.initiateAuth(r -> r
        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
        .clientId(CLIENT_ID)
        .authParameters(Map.of("USERNAME", user.username(), "PASSWORD", user.password())))
        .authenticationResult();
    return new Session(user.username(), result.accessToken(), claims(result.idToken()).getString("sub"),
        result.refreshToken());
  }

  /** REFRESH_TOKEN_AUTH: a new access token for the same user, no password. */
  Session refresh(Session session) {
    AuthenticationResultType result = cognito.initiateAuth(r -> r
        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
        .clientId(CLIENT_ID)
        .authParameters(Map.of("REFRESH_TOKEN", session.refreshToken())))
        .authenticationResult();
    return new Session(session.username(), result.accessToken(), claims(result.idToken()).getString("sub"),
        session.refreshToken());
  }

  /** The claims of a token our own identity provider just handed us; the services verify it, we only read it. */
  public static JsonObject claims(String jwt) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  // --- the issuer -------------------------------------------------------------------------------------------

  Reply issuerPost(String path, Session session, JsonObject body) {
    return post(stack.issuer().port(), path, session, body);
  }

  public Reply issuerGet(String path, Session session) {
    return get(stack.issuer().port(), path, session);
  }

  /** The CA chain from the issuer's public GET /v1/ca: what a client trusts for the gateway. */
  public String caPem() {
    if (caPem == null) {
      Reply reply = get(stack.issuer().port(), "/v1/ca", null);
      if (reply.status() != 200 || !reply.text().contains("BEGIN CERTIFICATE")) {
        throw new AssertionError("GET /v1/ca answered " + reply);
      }
      caPem = reply.text();
    }
    return caPem;
  }

  /** POST /generate-cert for a key made by the issuer (RSA unless {@code keyAlgorithm} says otherwise). */
  Reply generateCert(Session session, String nodeId) {
    return issuerPost("/generate-cert", session, new JsonObject().put("nodeId", nodeId));
  }

  /** The same, failing the test unless the issuer answered 201. */
  public JsonObject issued(Session session, JsonObject request) {
    Reply reply = issuerPost("/generate-cert", session, request);
    if (reply.status() != 201) {
      throw new AssertionError("POST /generate-cert " + request.getString("nodeId") + " answered " + reply);
    }
    return reply.json();
  }

  public Reply revoke(Session session, String serial, String reason) {
    return issuerPost("/v1/certificates/" + serial + "/revoke", session, new JsonObject().put("reason", reason));
  }

  public Reply provisionNode(Session admin, String nodeId, String ownerUserId, String upstreamUrl) {
    return issuerPost("/v1/admin/nodes", admin, new JsonObject()
        .put("nodeId", nodeId).put("ownerUserId", ownerUserId).put("upstreamUrl", upstreamUrl));
  }

  // --- the audit trail ----------------------------------------------------------------------------------------

  public Reply auditGet(String pathAndQuery, Session session) {
    return get(stack.audit().port(), pathAndQuery, session);
  }

  /** Every record matching {@code query} (a query string without limit/cursor), oldest first, all pages walked. */
  public List<JsonObject> auditEvents(Session session, String query) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    do {
      String q = (query == null || query.isEmpty() ? "" : query + "&") + "limit=1000"
          + (cursor == null ? "" : "&cursor=" + cursor);
      Reply reply = auditGet("/v1/audit/events?" + q, session);
      if (reply.status() != 200) {
        throw new AssertionError("GET /v1/audit/events?" + q + " as " + session.username() + " answered " + reply);
      }
      JsonArray items = reply.json().getJsonArray("items");
      items.forEach(item -> all.add((JsonObject) item));
      cursor = reply.json().getString("nextCursor");
    } while (cursor != null);
    all.sort(java.util.Comparator.comparingLong(r -> r.getLong("sequence")));
    return all;
  }

  public JsonObject verifyAudit(Session auditor) {
    Reply reply = auditGet("/v1/audit/verify", auditor);
    if (reply.status() != 200) {
      throw new AssertionError("GET /v1/audit/verify answered " + reply);
    }
    return reply.json();
  }

  /** A gateway client presenting {@code certPem}/{@code keyPem}, trusting the CA from GET /v1/ca. */
  public GatewayClient gateway(String certPem, String keyPem) {
    return GatewayClient.open(vertx, stack.authorizer().gatewayPort(), caPem(), certPem, keyPem);
  }

  // --- plain HTTP ------------------------------------------------------------------------------------------------

  private Reply post(int port, String path, Session session, JsonObject body) {
    var request = web.post(port, "127.0.0.1", path);
    if (session != null) {
      request.bearerTokenAuthentication(session.accessToken());
    }
    return reply(await(request.sendJsonObject(body), "POST " + path));
  }

  private Reply get(int port, String path, Session session) {
    var request = web.get(port, "127.0.0.1", path);
    if (session != null) {
      request.bearerTokenAuthentication(session.accessToken());
    }
    return reply(await(request.send(), "GET " + path));
  }

  private static Reply reply(HttpResponse<io.vertx.core.buffer.Buffer> response) {
    String text = response.bodyAsString();
    JsonObject json = null;
    if (text != null && text.startsWith("{")) {
      try {
        json = new JsonObject(text);
      } catch (RuntimeException e) {
        // not JSON after all; the text is kept for the failure message
      }
    }
    return new Reply(response.statusCode(), json, text == null ? "" : text, response.getHeader("content-type"));
  }

  /** Waits for a Vert.x future from the test thread, bounded so a stuck component fails with a message. */
  public static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("gave up waiting for " + what + " after " + CALL_BOUND.toSeconds() + " s");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AssertionError(what + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }
}
