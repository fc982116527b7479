package io.nodeward.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.lambda.testing.LambdaInvoker;
import io.nodeward.lambda.testing.LambdaInvoker.Policy;
import io.nodeward.lambda.testing.SampleEvents;
import io.nodeward.lambda.testing.ScriptedAuthorizeServer;
import io.nodeward.lambda.testing.TestCa;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler, invoked as the Lambda runtime invokes it, against a mutual-TLS server that misbehaves on purpose:
 * what the Lambda sends and presents, and that every failure is a Deny (fail closed).
 */
class NodewardAuthorizerHandlerTest {

  static final String LAMBDA_URI = "spiffe://nodeward.local/service/lambda-authorizer";
  static final TestCa PKI = TestCa.create("nodeward-test-ca");
  static final TestCa.Issued LAMBDA = PKI.client(LAMBDA_URI);
  static final TestCa.Issued USER = PKI.client("spiffe://nodeward.local/user/alice/node/node-1");
  /** Long enough for a cold JVM on a loaded machine: only the slow-authorizer test runs out of time. */
  static final String GENEROUS = "20s";
  static ScriptedAuthorizeServer server;
  static LambdaInvoker lambda;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    server = ScriptedAuthorizeServer.start(PKI.server(), PKI, PKI);
    lambda = new LambdaInvoker(LambdaInvoker.fileEnv(dir.resolve("lambda"), server.uri().toString(), GENEROUS,
        LAMBDA, PKI.pem()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void allowByDefault() {
    server.answer(200, allow(SampleEvents.arn("node-1")));
  }

  static String allow(String arn) {
    return "{\"principalId\":\"alice\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
        + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"" + arn + "\"}]},"
        + "\"context\":{\"reason\":\"ALLOWED\",\"decisionId\":\"d-1\",\"userId\":\"alice\",\"nodeId\":\"node-1\"}}";
  }

  @Test
  void theEventReachesTheAuthorizerByteForByteOverMutualTlsWithTheLambdasIdentity() {
    String event = SampleEvents.rest("node-1", USER.certPem());
    int before = server.bodies().size();
    lambda.invoke(event);

    assertEquals(event, server.bodies().get(before));
    assertEquals(LAMBDA_URI, server.clientUris().get(before));
  }

  @Test
  void aRestEventGetsTheAuthorizersAllowForItsMethodArn() {
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", USER.certPem()));

    assertEquals("Allow", policy.effect());
    assertEquals(SampleEvents.arn("node-1"), policy.resource());
    assertEquals("execute-api:Invoke", policy.statement().get("Action"));
    assertEquals("2012-10-17", policy.version());
    assertEquals("alice", policy.principalId());
    assertEquals("ALLOWED", policy.context("reason"));
    assertEquals("d-1", policy.context("decisionId"));
  }

  @Test
  void anHttpApiPayloadTwoEventGetsTheAuthorizersAllowForItsRouteArn() {
    Policy policy = lambda.invoke(SampleEvents.httpApi("node-1", USER.certPem()));
    assertEquals("Allow", policy.effect());
    assertEquals(SampleEvents.arn("node-1"), policy.resource());
  }

  @Test
  void anAllowForAnotherRequestsArnIsADeny() {
    server.answer(200, allow(SampleEvents.arn("node-2")));
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", USER.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("MALFORMED_ANSWER", policy.context("reason"));
    assertEquals(SampleEvents.arn("node-1"), policy.resource());
  }

  @Test
  void aRateLimitedOrRefusedCallIsADeny() {
    server.answer(429, "{\"type\":\"about:blank\",\"status\":429,\"code\":\"RATE_LIMITED\"}");
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", USER.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("AUTHORIZER_REFUSED", policy.context("reason"));
    assertEquals("anonymous", policy.principalId());
  }

  @Test
  void anAnswerThatIsNotJsonIsADeny() {
    server.answer(200, "<html>proxy error</html>");
    Policy policy = lambda.invoke(SampleEvents.httpApi("node-1", USER.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("MALFORMED_ANSWER", policy.context("reason"));
  }

  @Test
  void aSlowAuthorizerIsADenyWhenTheTimeoutRunsOut() {
    server.hang();
    LambdaInvoker impatient = new LambdaInvoker(LambdaInvoker.fileEnv(dir.resolve("impatient"),
        server.uri().toString(), "300ms", LAMBDA, PKI.pem()));
    Policy policy = impatient.invoke(SampleEvents.rest("node-1", USER.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("AUTHORIZER_TIMEOUT", policy.context("reason"));
    assertEquals(SampleEvents.arn("node-1"), policy.resource());
  }

  @Test
  void anAuthorizerThatIsDownIsADeny() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    LambdaInvoker down = new LambdaInvoker(LambdaInvoker.fileEnv(dir.resolve("down"),
        "https://127.0.0.1:" + closedPort + "/authorize", GENEROUS, LAMBDA, PKI.pem()));
    Policy policy = down.invoke(SampleEvents.rest("node-1", USER.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("AUTHORIZER_UNREACHABLE", policy.context("reason"));
  }

  @Test
  void aServerWhoseCertificateIsNotFromTheConfiguredCaGetsNoEventAndTheAnswerIsDeny() {
    TestCa impostorCa = TestCa.create("impostor-ca");
    try (ScriptedAuthorizeServer impostor = ScriptedAuthorizeServer.start(impostorCa.server(), impostorCa, PKI)) {
      impostor.answer(200, allow(SampleEvents.arn("node-1")));
      LambdaInvoker fooled = new LambdaInvoker(LambdaInvoker.fileEnv(dir.resolve("impostor"),
          impostor.uri().toString(), GENEROUS, LAMBDA, PKI.pem()));
      Policy policy = fooled.invoke(SampleEvents.rest("node-1", USER.certPem()));
      assertEquals("Deny", policy.effect());
      assertEquals("AUTHORIZER_UNREACHABLE", policy.context("reason"));
      assertTrue(impostor.bodies().isEmpty(), "the event must not reach a server the Lambda does not trust");
    }
  }

  @Test
  void aLambdaWhoseCertificateTheAuthorizerDoesNotTrustIsDenied() {
    TestCa strangerCa = TestCa.create("stranger-ca");
    LambdaInvoker stranger = new LambdaInvoker(LambdaInvoker.fileEnv(dir.resolve("stranger"),
        server.uri().toString(), GENEROUS, strangerCa.client(LAMBDA_URI), PKI.pem()));
    Policy policy = stranger.invoke(SampleEvents.rest("node-1", USER.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("AUTHORIZER_UNREACHABLE", policy.context("reason"));
  }

  @Test
  void anAnswerTooLongToBeAPolicyIsADeny() {
    server.answer(200, allow(SampleEvents.arn("node-1")).replace("\"d-1\"", "\"" + "x".repeat(100_000) + "\""));
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", USER.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("MALFORMED_ANSWER", policy.context("reason"));
  }

  /**
   * A kept-alive connection that dies under the request (the authorizer dropped it while the Lambda was frozen)
   * is tried once more on a new connection instead of becoming a false Deny.
   */
  @Test
  void aConnectionDroppedUnderTheRequestIsRetriedOnceOnANewOne() {
    assertEquals("Allow", lambda.invoke(SampleEvents.rest("node-1", USER.certPem())).effect());
    int before = server.bodies().size();
    server.dropNext();
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", USER.certPem()));
    assertEquals("Allow", policy.effect(), String.valueOf(policy.json()));
    assertEquals(before + 2, server.bodies().size());

    server.dropNext();
    server.dropNext();
    Policy twice = lambda.invoke(SampleEvents.rest("node-1", USER.certPem()));
    assertEquals("Deny", twice.effect());
    assertEquals("AUTHORIZER_UNREACHABLE", twice.context("reason"));
  }

  @Test
  void anEventWithoutAnExecuteApiArnIsDeniedForEverythingWithoutAsking() {
    int before = server.bodies().size();
    Policy policy = lambda.invoke("{\"type\":\"REQUEST\",\"methodArn\":\"arn:aws:s3:::bucket/key\"}");
    assertEquals("Deny", policy.effect());
    assertEquals("*", policy.resource());
    assertEquals("MALFORMED_EVENT", policy.context("reason"));

    assertEquals("Deny", lambda.invoke("not json").effect());
    assertEquals("Deny", lambda.invoke(new byte[NodewardAuthorizerHandler.MAX_EVENT_BYTES + 1]).effect());
    assertEquals(before, server.bodies().size());
  }
}
