package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.CertificateStatus;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventType;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.RevocationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keyset pages over the registry: exact, stable under inserts, filtered and visible only to whom they belong. */
class CertificateRegistryPagingTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private final CertificateRegistry registry = new CertificateRegistry();

  private void issue(String serial, String user, String node, Instant notBefore, Duration lifetime) {
    CertificateIssued data = new CertificateIssued(serial, user, node, notBefore, notBefore.plus(lifetime),
        KeyAlgorithm.EC_P256, KeySource.CLIENT_CSR, CaBackend.LOCAL, "ab".repeat(32), "pem", notBefore, user);
    registry.applyFromLog(new CloudEvent<>(UUID.randomUUID().toString(), "/nodeward/issuer", EventType.of(data),
        notBefore, data));
  }

  private void revoke(String serial, String user, String node, Instant notBefore, Duration lifetime) {
    CertificateRevoked data = new CertificateRevoked(serial, user, node, notBefore, notBefore.plus(lifetime),
        "ab".repeat(32), RevocationReason.KEY_COMPROMISE, NOW.minusSeconds(5), user);
    registry.applyFromLog(new CloudEvent<>(UUID.randomUUID().toString(), "/nodeward/issuer", EventType.of(data), NOW,
        data));
  }

  private static CertificateQuery query(String caller, boolean admin, CertificateQuery.Position after, int limit) {
    return new CertificateQuery(caller, admin, null, null, null, null, null, after, limit);
  }

  private List<String> allPages(CertificateQuery first) {
    List<String> serials = new ArrayList<>();
    CertificateQuery query = first;
    for (int guard = 0; guard < 1000; guard++) {
      Page<CertificateRecord, CertificateQuery.Position> page = registry.page(query, NOW);
      page.items().forEach(c -> serials.add(c.serialNumber()));
      if (page.next().isEmpty()) {
        return serials;
      }
      query = new CertificateQuery(first.callerUserId(), first.admin(), first.userId(), first.nodeId(), first.status(),
          first.expiringWithin(), first.serial(), page.next().get(), first.limit());
    }
    throw new AssertionError("paging never ended");
  }

  @Test
  void pagesWalkEveryCertificateOnceNewestFirst() {
    for (int i = 0; i < 23; i++) {
      // Pairs share a notBefore, so the serial tie-break is exercised.
      issue(String.format("%02x", i + 16), "alice", "node-1", NOW.minusSeconds(3600L * (i / 2)), Duration.ofDays(7));
    }

    List<String> walked = allPages(query("alice", false, null, 5));

    assertEquals(23, walked.size());
    assertEquals(23, walked.stream().distinct().count());
    List<String> expected = registry.page(query("alice", false, null, 100), NOW).items().stream()
        .map(CertificateRecord::serialNumber).toList();
    assertEquals(expected, walked);
    assertEquals("10", walked.get(0), "the newest first; ties by serial ascending");
  }

  @Test
  void aCertificateIssuedAfterPageOneDoesNotShiftPageTwo() {
    for (int i = 0; i < 10; i++) {
      issue(Integer.toHexString(0x100 + i), "alice", "node-1", NOW.minusSeconds(60L * i), Duration.ofDays(7));
    }
    Page<CertificateRecord, CertificateQuery.Position> first = registry.page(query("alice", false, null, 4), NOW);

    issue("fff", "alice", "node-1", NOW, Duration.ofDays(7));
    Page<CertificateRecord, CertificateQuery.Position> second = registry.page(query("alice", false, first.next().get(), 4), NOW);

    assertEquals(List.of("104", "105", "106", "107"), second.items().stream().map(CertificateRecord::serialNumber).toList());
  }

  @Test
  void othersSeeNothingOfAlicesAndAnAdminSeesEverything() {
    issue("a1", "alice", "node-1", NOW, Duration.ofDays(7));
    issue("b1", "bob", "node-2", NOW, Duration.ofDays(7));

    assertEquals(List.of("b1"), serials(query("bob", false, null, 50)));
    assertEquals(List.of("a1", "b1"), serials(query("admin", true, null, 50)));
    assertEquals(List.of(), serials(new CertificateQuery("bob", false, "alice", null, null, null, null, null, 50)));
    assertEquals(List.of("a1"), serials(new CertificateQuery("admin", true, "alice", null, null, null, null, null, 50)));
    assertEquals(List.of(), serials(new CertificateQuery("bob", false, null, null, null, null, "a1", null, 50)));
  }

  @Test
  void filtersCombineStatusNodeAndExpiringWithin() {
    issue("a1", "alice", "node-1", NOW.minus(Duration.ofDays(6)), Duration.ofDays(7));   // expires in 1 day
    issue("a2", "alice", "node-1", NOW.minus(Duration.ofHours(1)), Duration.ofDays(30)); // expires in 29 days
    issue("a3", "alice", "node-2", NOW.minus(Duration.ofDays(10)), Duration.ofDays(7));  // expired
    revoke("a4", "alice", "node-1", NOW.minus(Duration.ofDays(1)), Duration.ofDays(2));  // revoked, expiring soon

    assertEquals(List.of("a1"), serials(new CertificateQuery("alice", false, null, null, null, Duration.ofDays(7), null,
        null, 50)));
    assertEquals(List.of("a3"), serials(new CertificateQuery("alice", false, null, null, CertificateStatus.EXPIRED, null,
        null, null, 50)));
    assertEquals(List.of("a4"), serials(new CertificateQuery("alice", false, null, null, CertificateStatus.REVOKED, null,
        null, null, 50)));
    assertEquals(List.of("a2", "a1"), serials(new CertificateQuery("alice", false, null, "node-1",
        CertificateStatus.ACTIVE, null, null, null, 50)));
    assertTrue(serials(new CertificateQuery("alice", false, null, null, CertificateStatus.REVOKED, Duration.ofDays(7),
        null, null, 50)).isEmpty(), "expiringWithin selects active certificates only");
  }

  @Test
  void positionsSurviveTheirTokenAndNothingElseParses() {
    CertificateQuery.Position position = new CertificateQuery.Position(NOW, "5c1e");
    assertEquals(position, CertificateQuery.Position.parse(position.token()).orElseThrow());
    CertificateQuery.Position unknownTime = new CertificateQuery.Position(null, "5c1e");
    assertEquals(unknownTime, CertificateQuery.Position.parse(unknownTime.token()).orElseThrow());
    for (String junk : List.of("", ":", "x:5c1e", "1:", "1:XYZ", "1:5c1e:9", "99999999999999999999:5c")) {
      assertTrue(CertificateQuery.Position.parse(junk).isEmpty(), junk);
    }
  }

  @Test
  void theCrlSeesRevokedCertificatesUntilTheyExpire() {
    revoke("a4", "alice", "node-1", NOW.minus(Duration.ofDays(1)), Duration.ofDays(2));
    revoke("a5", "alice", "node-1", NOW.minus(Duration.ofDays(9)), Duration.ofDays(2));

    assertEquals(List.of("a4"), registry.revokedUnexpired(NOW).stream().map(CertificateRecord::serialNumber).toList());
    assertEquals(2, registry.revocationsApplied());
  }

  private List<String> serials(CertificateQuery query) {
    return registry.page(query, NOW).items().stream().map(CertificateRecord::serialNumber).toList();
  }
}
