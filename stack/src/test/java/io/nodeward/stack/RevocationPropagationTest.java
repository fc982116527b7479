package io.nodeward.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.identity.DevUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A revocation's 200 means every gateway refuses the certificate from the next request on, and an issuance's
 * 201 means every gateway accepts it at once: 100 certificates, each called through every gateway the instant
 * its 201 arrives (100 of 100 allowed), then revoked and called again at once on the same kept-alive connections
 * (100 of 100 refused, on every gateway). First with the stack's one authorizer, then with two more instances of
 * it in this JVM against the same broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationPropagationTest {

  private static final Logger LOG = LoggerFactory.getLogger(RevocationPropagationTest.class);
  private static final int CERTIFICATES = 100;

  @TempDir
  static Path dataDir;
  static StackHarness stack;
  static StackHarness.Session alice;
  static final List<AuthorizerService> extra = new ArrayList<>();

  @BeforeAll
  static void startStack() {
    Map<String, String> env = StackHarness.testEnv(dataDir.resolve("stack"));
    env.put("NODEWARD_ISSUER_ISSUE_RATE", "0");
    env.put("NODEWARD_ISSUER_REVOKE_RATE", "0");
    stack = StackHarness.start(env);
    alice = stack.signIn(DevUsers.ALICE);
  }

  @AfterAll
  static void stopStack() {
    extra.forEach(a -> StackHarness.await(a.close(), "an extra authorizer to stop"));
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void withOneGatewayEveryIssuanceIsAllowedAtOnceAndEveryRevocationRefusedAtOnce() {
    awaitLiveAuthorizers(1);
    runRounds(List.of(stack.stack.authorizer().gatewayPort()), "one gateway");
  }

  @Test
  @Order(2)
  void withThreeGatewaysEveryOneOfThemAllowsAtOnceAndRefusesAtOnce() {
    for (int i = 2; i <= 3; i++) {
      Map<String, String> own = Map.of(
          "NODEWARD_AUTHORIZER_INSTANCE_ID", "gateway-" + i,
          "NODEWARD_AUTHORIZER_GATEWAY_PORT", "0",
          "NODEWARD_AUTHORIZER_ADMIN_PORT", "0",
          "NODEWARD_DATA_DIR", dataDir.resolve("gateway-" + i).toString());
      AuthorizerConfig config = AuthorizerConfig.fromEnv(stack.stack.authorizerEnv().with(own));
      extra.add(StackHarness.await(AuthorizerService.start(stack.vertx, config), "authorizer gateway-" + i));
    }
    awaitLiveAuthorizers(3);
    List<Integer> ports = new ArrayList<>(List.of(stack.stack.authorizer().gatewayPort()));
    extra.forEach(a -> ports.add(a.gatewayPort()));
    runRounds(ports, "three gateways");
  }

  private static void runRounds(List<Integer> gatewayPorts, String what) {
    int allowed = 0;
    int refused = 0;
    int partial = 0;
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < CERTIFICATES; round++) {
      JsonObject cert = stack.issued(alice, new JsonObject().put("nodeId", DemoNode.NODE_ID).put("keyAlgorithm", "EC_P256"));
      List<GatewayClient> clients = new ArrayList<>();
      try {
        List<GatewayClient.Answer> first = new ArrayList<>();
        for (int port : gatewayPorts) {
          GatewayClient client = GatewayClient.open(stack.vertx, port, stack.caPem(), cert.getString("certificatePem"),
              cert.getString("privateKeyPem"));
          clients.add(client);
          first.add(client.get("/nodes/" + DemoNode.NODE_ID + "/hello"));
        }
        if (first.stream().allMatch(a -> a.status() == 200)) {
          allowed++;
        } else {
          failures.add("round " + round + ": just issued, refused: " + first);
        }
        StackHarness.Reply revoked = stack.revoke(alice, cert.getString("serialNumber"), "KEY_COMPROMISE");
        assertEquals(200, revoked.status(), revoked.toString());
        JsonObject propagation = revoked.json().getJsonObject("propagation");
        assertEquals(new JsonArray(), propagation.getJsonArray("pending"), revoked.toString());
        assertEquals(gatewayPorts.size(), propagation.getJsonArray("confirmedBy").size(), revoked.toString());
        int refusedHere = 0;
        for (int i = 0; i < clients.size(); i++) {
          GatewayClient.Answer after = clients.get(i).get("/nodes/" + DemoNode.NODE_ID + "/hello");
          assertSame(first.get(i).connection(), after.connection(), "the same kept-alive connection");
          if (after.status() == 403 && "REVOKED".equals(after.code())) {
            refusedHere++;
          } else {
            failures.add("round " + round + ", gateway " + i + ": after the revoke answered " + after);
          }
        }
        if (refusedHere == clients.size()) {
          refused++;
        } else if (refusedHere > 0) {
          partial++;
        }
      } finally {
        clients.forEach(GatewayClient::close);
      }
    }
    LOG.info("REVOCATION PROPAGATION ({}): {} of {} allowed at once after issuance, {} of {} refused at once after "
        + "revocation on every gateway ({} on some)", what, allowed, CERTIFICATES, refused, CERTIFICATES, partial);
    assertEquals(List.of(), failures.stream().limit(10).toList(), what);
    assertEquals(CERTIFICATES, allowed, what + ": allowed at once after the 201");
    assertEquals(CERTIFICATES, refused, what + ": refused at once after the revocation's 200");
  }

  /** The issuer hears every gateway before the rounds start (the wait only guards against a hang). */
  private static void awaitLiveAuthorizers(int count) {
    Poll.until("the issuer hears " + count + " live authorizer(s)",
        () -> stack.issuerGet("/health/ready", null).json().getJsonObject("checks")
            .getJsonObject("authorizerStatusConsumer").getJsonArray("liveAuthorizers"),
        live -> live != null && live.size() == count);
  }
}
