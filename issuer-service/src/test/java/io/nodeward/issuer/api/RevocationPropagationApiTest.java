package io.nodeward.issuer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodeward.events.AuthorizerStatus;
import io.nodeward.events.AuthorizerStatus.AppliedOffset;
import io.nodeward.events.Topics;
import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.testing.IssuerTestBed;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation and deprovisioning answer after the authorizers confirm, against a real broker: the authorizer
 * statuses are published by the test (one instance that has applied everything, one that has applied nothing),
 * so which instance is pending is exact.
 */
class RevocationPropagationApiTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  @TempDir
  static Path dataDir;

  private static IssuerTestBed bed;
  private static EventPublisher authorizer;
  private static String admin;
  private static String alice;
  private static String aliceId;
  private static int nodes;

  @BeforeAll
  static void start() {
    bed = IssuerTestBed.start(KAFKA.settings("issuer-propagation-test"), dataDir,
        Map.of("NODEWARD_ISSUER_PROPAGATION_TIMEOUT", "300ms", "NODEWARD_ISSUER_AUTHORIZER_LIVENESS", "5m"));
    authorizer = EventPublisher.create(bed.vertx, KAFKA.settings("fake-authorizer"), "/nodeward/authorizer/test");
    admin = bed.token(DevUsers.ADMIN);
    alice = bed.token(DevUsers.ALICE);
    aliceId = IssuerTestBed.sub(alice);
  }

  @AfterAll
  static void stop() {
    Await.result(authorizer.close());
    bed.close();
  }

  /** A status of an instance whose next offset is {@code next} on every partition of the nodes and certificates. */
  private static void report(String instance, AuthorizerStatus.State state, long next) {
    List<AppliedOffset> applied = new ArrayList<>();
    for (int partition = 0; partition < 64; partition++) {
      applied.add(new AppliedOffset(Topics.NODES.name(), partition, next));
      applied.add(new AppliedOffset(Topics.CERTIFICATES.name(), partition, next));
    }
    Instant now = Instant.now();
    Await.result(authorizer.publish(new AuthorizerStatus(instance, now, now, state, true, 250, applied)));
  }

  private static void awaitLive(List<String> instances) {
    Await.until("the issuer hears " + instances, () -> new JsonObject(bed.get("/health/ready", null).body())
        .getJsonObject("checks").getJsonObject("authorizerStatusConsumer").getJsonArray("liveAuthorizers")
        .equals(new JsonArray(instances)));
  }

  private static String issued() {
    String nodeId = "prop-node-" + (++nodes);
    assertEquals(201, bed.provision(admin, nodeId, aliceId).statusCode());
    HttpResponse<String> issued = bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", nodeId).put("keyAlgorithm", "EC_P256").encode());
    assertEquals(201, issued.statusCode(), issued.body());
    return new JsonObject(issued.body()).getString("serialNumber");
  }

  private static JsonObject propagation(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    return new JsonObject(response.body()).getJsonObject("propagation");
  }

  @Test
  void aRevocationNamesTheInstanceThatHasNotAppliedItThenAllWhenItHas() {
    report("gw-ahead", AuthorizerStatus.State.RUNNING, 1_000_000);
    report("gw-behind", AuthorizerStatus.State.RUNNING, 0);
    awaitLive(List.of("gw-ahead", "gw-behind"));
    String serial = issued();

    JsonObject pending = propagation(bed.post("/v1/certificates/" + serial + "/revoke", alice, "{}"), 202);
    assertEquals(new JsonObject().put("confirmedBy", new JsonArray().add("gw-ahead"))
        .put("pending", new JsonArray().add("gw-behind")), pending);

    report("gw-behind", AuthorizerStatus.State.RUNNING, 1_000_000);
    Await.until("gw-behind caught up", () -> bed.post("/v1/certificates/" + serial + "/revoke", alice, "{}")
        .statusCode() == 200);
    JsonObject confirmed = propagation(bed.post("/v1/certificates/" + serial + "/revoke", alice, "{}"), 200);
    assertEquals(new JsonArray().add("gw-ahead").add("gw-behind"), confirmed.getJsonArray("confirmedBy"));
    assertEquals(new JsonArray(), confirmed.getJsonArray("pending"));

    report("gw-behind", AuthorizerStatus.State.STOPPING, 0);
    awaitLive(List.of("gw-ahead"));
    report("gw-ahead", AuthorizerStatus.State.RUNNING, 0);
    String nodeId = "prop-node-" + (++nodes);
    assertEquals(201, bed.provision(admin, nodeId, aliceId).statusCode());
    JsonObject deprovision = propagation(bed.delete("/v1/admin/nodes/" + nodeId, admin), 202);
    assertEquals(new JsonArray().add("gw-ahead"), deprovision.getJsonArray("pending"), "a stopped instance is not waited for");

    report("gw-ahead", AuthorizerStatus.State.STOPPING, 0);
    awaitLive(List.of());
    JsonObject nobody = propagation(bed.post("/v1/certificates/" + issued() + "/revoke", alice, "{}"), 200);
    assertEquals(new JsonObject().put("confirmedBy", new JsonArray()).put("pending", new JsonArray()), nobody);
  }
}
