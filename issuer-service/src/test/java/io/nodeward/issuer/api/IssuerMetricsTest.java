package io.nodeward.issuer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.identity.DevUsers;
import io.nodeward.issuer.testing.IssuerTestBed;
import io.nodeward.kit.kafka.KafkaTestKit;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** GET /metrics names every metric of the contract with the counts of what this issuer did. */
class IssuerMetricsTest {

  @RegisterExtension
  static final KafkaTestKit KAFKA = new KafkaTestKit();
  @TempDir
  static Path dataDir;
  private static IssuerTestBed bed;

  @BeforeAll
  static void start() {
    bed = IssuerTestBed.start(KAFKA.settings("issuer-metrics-test"), dataDir);
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void issuancesRefusalsLatenciesAndCertificatesByStatusAreExported() {
    String admin = bed.token(DevUsers.ADMIN);
    String alice = bed.token(DevUsers.ALICE);
    assertEquals(201, bed.provision(admin, "metrics-node", IssuerTestBed.sub(alice)).statusCode());
    HttpResponse<String> issued = bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", "metrics-node").put("keyAlgorithm", "EC_P256").encode());
    assertEquals(201, issued.statusCode(), issued.body());
    assertEquals(201, bed.post("/v1/certificates", alice,
        new JsonObject().put("nodeId", "metrics-node").put("keyAlgorithm", "EC_P256").encode()).statusCode());
    assertEquals(404, bed.post("/v1/certificates", alice, new JsonObject().put("nodeId", "no-such-node").encode())
        .statusCode());
    String serial = new JsonObject(issued.body()).getString("serialNumber");
    assertEquals(200, bed.post("/v1/certificates/" + serial + "/revoke", alice, "{}").statusCode());

    HttpResponse<String> scraped = bed.get("/metrics", null);
    assertEquals(200, scraped.statusCode());
    List<String> lines = Arrays.asList(scraped.body().split("\n"));
    assertSample(lines, "nodeward_issuer_certificates_issued_total{key_source=\"server_generated\"} 2.0");
    assertSample(lines, "nodeward_issuer_certificates_issued_total{key_source=\"client_csr\"} 0.0");
    assertSample(lines, "nodeward_issuer_issuance_denied_total{reason=\"UNKNOWN_NODE\"} 1.0");
    assertSample(lines, "nodeward_issuer_certificates{status=\"active\"} 1.0");
    assertSample(lines, "nodeward_issuer_certificates{status=\"revoked\"} 1.0");
    assertSample(lines, "nodeward_issuer_certificates_expiring_7d 1.0");
    assertSample(lines, "nodeward_issuer_ca_sign_seconds_count 2");
    assertSample(lines, "nodeward_issuer_revocation_propagation_seconds_count{outcome=\"confirmed\"} 1");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("nodeward_issuer_kafka_ack_seconds_count ")), "Kafka ack");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("nodeward_issuer_request_seconds_count{route=\"/v1/certificates\",status=\"201\"} 2")),
        "the whole call by route and status");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("nodeward_issuer_request_seconds_bucket{")), "a histogram");
  }

  private static void assertSample(List<String> lines, String sample) {
    String name = sample.substring(0, sample.lastIndexOf(' '));
    assertTrue(lines.contains(sample), sample + " in " + lines.stream().filter(l -> l.startsWith(name)).toList());
  }
}
