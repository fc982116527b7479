package io.nodeward.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.RevocationReason;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.nodeward.kit.testing.Await;
import io.nodeward.kit.tls.Fingerprints;
import io.nodeward.lambda.testing.LambdaInvoker;
import io.nodeward.lambda.testing.LambdaInvoker.Policy;
import io.nodeward.lambda.testing.SampleEvents;
import io.nodeward.lambda.testing.TestCa;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda, invoked in-process with API Gateway's sample events, against the real nodeward authorizer: its
 * mutual-TLS /authorize listener (issue 13.3) with the Lambda's identity as the one allowed caller, its policy and
 * its allow-list built from a real Kafka broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaAgainstAuthorizerTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();

  static final String TRUST_DOMAIN = "nodeward.local";
  static final String LAMBDA_IDENTITY = "spiffe://" + TRUST_DOMAIN + "/service/lambda-authorizer";
  static final TestCa PKI = TestCa.create("nodeward-test-ca");
  static final TestCa.Issued ALICE = PKI.user(TRUST_DOMAIN, "alice", "node-1");

  @TempDir
  static Path dir;
  static Vertx vertx;
  static AuthorizerService authorizer;
  static EventPublisher events;
  static LambdaInvoker lambda;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    TestCa.Issued server = PKI.server();
    Path ca = Files.writeString(dir.resolve("ca.pem"), PKI.pem());
    Env env = Env.of(Map.of(
        "NODEWARD_PROFILE", "dev",
        "NODEWARD_KAFKA_BOOTSTRAP", KAFKA.bootstrapServers(),
        "NODEWARD_DATA_DIR", dir.resolve("data").toString(),
        "NODEWARD_TRUST_DOMAIN", TRUST_DOMAIN,
        "NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", ca.toString(),
        "NODEWARD_AUTHORIZER_TLS_CERT_PEM", Files.writeString(dir.resolve("server.pem"), server.certPem()).toString(),
        "NODEWARD_AUTHORIZER_TLS_KEY_PEM", Files.writeString(dir.resolve("server.key"), server.keyPem()).toString(),
        "NODEWARD_AUTHORIZER_INSTANCE_ID", "lambda-e2e",
        "NODEWARD_AUTHORIZER_GATEWAY_PORT", "0",
        "NODEWARD_AUTHORIZER_ADMIN_PORT", "0"))
        .with(Map.of("NODEWARD_AUTHORIZER_AUTHORIZE_PORT", "0",
            "NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS", LAMBDA_IDENTITY));
    authorizer = Await.result(AuthorizerService.start(vertx, AuthorizerConfig.fromEnv(env)));

    events = EventPublisher.create(vertx, KAFKA.settings("test-issuer"), "/nodeward/issuer/test");
    Await.result(events.publish(new NodeProvisioned("node-1", "alice", "http://127.0.0.1:9", Instant.now(), "admin")));
    Await.result(events.publish(new NodeProvisioned("node-2", "bob", "http://127.0.0.1:9", Instant.now(), "admin")));
    Await.result(events.publish(issued(ALICE, "alice", "node-1")));

    lambda = new LambdaInvoker(LambdaInvoker.fileEnv(dir.resolve("lambda"), authorizeUrl(), "20s",
        PKI.client(LAMBDA_IDENTITY), PKI.pem()));
    Await.until("the authorizer allows alice's certificate", () ->
        "Allow".equals(lambda.invoke(SampleEvents.rest("node-1", ALICE.certPem())).effect()));
  }

  static String authorizeUrl() {
    return "https://127.0.0.1:" + authorizer.authorizePort() + "/authorize";
  }

  @AfterAll
  static void stop() {
    Await.result(events.close());
    if (authorizer != null) {
      Await.result(authorizer.close());
    }
    Await.result(vertx.close());
  }

  static CertificateIssued issued(TestCa.Issued cert, String userId, String nodeId) {
    return new CertificateIssued(Fingerprints.serialHex(cert.certificate()), userId, nodeId,
        cert.certificate().getNotBefore().toInstant(), cert.certificate().getNotAfter().toInstant(),
        KeyAlgorithm.EC_P256, KeySource.CLIENT_CSR, CaBackend.LOCAL, Fingerprints.sha256Hex(cert.certificate()),
        cert.certPem(), Instant.now(), userId);
  }

  @Test
  @Order(1)
  void theOwnersCertificateIsAllowedOnItsNodeWithTheRestSampleEvent() {
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", ALICE.certPem()));
    assertEquals("Allow", policy.effect());
    assertEquals(SampleEvents.arn("node-1"), policy.resource());
    assertEquals("alice", policy.principalId());
    assertEquals("ALLOWED", policy.context("reason"));
    assertEquals("alice", policy.context("userId"));
    assertEquals("node-1", policy.context("nodeId"));
  }

  @Test
  @Order(2)
  void theOwnersCertificateIsAllowedWithTheHttpApiSampleEvent() {
    Policy policy = lambda.invoke(SampleEvents.httpApi("node-1", ALICE.certPem()));
    assertEquals("Allow", policy.effect());
    assertEquals(SampleEvents.arn("node-1"), policy.resource());
  }

  @Test
  @Order(3)
  void theOwnersCertificateIsDeniedOnAnotherNode() {
    Policy policy = lambda.invoke(SampleEvents.rest("node-2", ALICE.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals(SampleEvents.arn("node-2"), policy.resource());
    assertEquals("NODE_MISMATCH", policy.context("reason"));
  }

  @Test
  @Order(4)
  void aRevokedCertificateIsDeniedOnTheNextRequest() {
    TestCa.Issued second = PKI.user(TRUST_DOMAIN, "alice", "node-1");
    CertificateIssued issued = issued(second, "alice", "node-1");
    Await.result(events.publish(issued));
    Await.until("the new certificate is allowed", () ->
        "Allow".equals(lambda.invoke(SampleEvents.rest("node-1", second.certPem())).effect()));

    Await.result(events.publish(new CertificateRevoked(issued.serialNumber(), "alice", "node-1",
        issued.notBefore(), issued.notAfter(), issued.fingerprintSha256(), RevocationReason.KEY_COMPROMISE,
        Instant.now(), "alice")));
    Await.until("the revocation is applied", () ->
        "REVOKED".equals(lambda.invoke(SampleEvents.rest("node-1", second.certPem())).context("reason")));
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", second.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("Allow", lambda.invoke(SampleEvents.rest("node-1", ALICE.certPem())).effect(),
        "the other certificate is untouched");
  }

  @Test
  @Order(5)
  void aCertificateFromAnotherCaIsDenied() {
    TestCa.Issued foreign = TestCa.create("some-other-ca").user(TRUST_DOMAIN, "alice", "node-1");
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", foreign.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("UNKNOWN_CERTIFICATE", policy.context("reason"));
  }

  @Test
  @Order(6)
  void aCallerOtherThanTheListedLambdaGetsNoDecision() {
    LambdaInvoker impostor = new LambdaInvoker(LambdaInvoker.fileEnv(dir.resolve("impostor"),
        authorizeUrl(), "20s", PKI.client("spiffe://" + TRUST_DOMAIN + "/service/someone-else"),
        PKI.pem()));
    Policy policy = impostor.invoke(SampleEvents.rest("node-1", ALICE.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("AUTHORIZER_REFUSED", policy.context("reason"));
  }

  /** Last: the authorizer (with its listener) goes away; the Lambda denies instead of erroring. */
  @Test
  @Order(7)
  void whenTheAuthorizerIsDownTheLambdaDenies() {
    Await.result(authorizer.close());
    authorizer = null;
    Policy policy = lambda.invoke(SampleEvents.rest("node-1", ALICE.certPem()));
    assertEquals("Deny", policy.effect());
    assertEquals("AUTHORIZER_UNREACHABLE", policy.context("reason"));
  }
}
