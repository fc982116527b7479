package io.nodeward.authorizer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.Effect;
import io.nodeward.events.EventData;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.RevocationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The access rules as a table: one good request, and each way it can go wrong with the reason it must get. */
class AccessPolicyTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final Duration BOUND = Duration.ofSeconds(5);
  static final String SERIAL = "1a2b3c";
  static final String FINGERPRINT = "ab".repeat(32);
  static final String ALICE = "alice";
  static final String NODE = "node-1";

  /** A request and the allow-list it meets; each table row changes one thing. */
  record Case(CertificateFacts facts, List<EventData> events, String target, Instant now, Freshness freshness) {

    static Case good() {
      CertificateFacts facts = new CertificateFacts(SERIAL, new CertificateIdentity("nodeward.local", ALICE, NODE),
          NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), true, FINGERPRINT);
      List<EventData> events = new ArrayList<>();
      events.add(new NodeProvisioned(NODE, ALICE, "http://127.0.0.1:9000", NOW.minus(Duration.ofDays(2)), "admin"));
      events.add(issued(SERIAL, ALICE, NODE, facts.notBefore(), facts.notAfter(), FINGERPRINT));
      return new Case(facts, events, NODE, NOW, Freshness.confirmed(NOW.minusSeconds(1), BOUND));
    }

    Case facts(CertificateFacts value) {
      return new Case(value, events, target, now, freshness);
    }

    Case identity(String userId, String nodeId) {
      return facts(new CertificateFacts(facts.serial(), new CertificateIdentity("nodeward.local", userId, nodeId),
          facts.notBefore(), facts.notAfter(), facts.clientAuth(), facts.fingerprintSha256()));
    }

    Case then(EventData event) {
      List<EventData> more = new ArrayList<>(events);
      more.add(event);
      return new Case(facts, more, target, now, freshness);
    }

    Case replace(EventData event) {
      List<EventData> fewer = new ArrayList<>(events);
      fewer.removeIf(e -> e.getClass() == event.getClass() && e.key().equals(event.key()));
      fewer.add(event);
      return new Case(facts, fewer, target, now, freshness);
    }

    Case without(Class<? extends EventData> type) {
      List<EventData> fewer = new ArrayList<>(events);
      fewer.removeIf(type::isInstance);
      return new Case(facts, fewer, target, now, freshness);
    }

    Case target(String value) {
      return new Case(facts, events, value, now, freshness);
    }

    Case at(Instant value) {
      return new Case(facts, events, target, value, freshness);
    }

    Case freshness(Freshness value) {
      return new Case(facts, events, target, now, value);
    }

    Decision decide() {
      return AccessPolicy.decide(facts, AllowListSnapshot.EMPTY.apply(events), target, now, freshness);
    }
  }

  static CertificateIssued issued(String serial, String user, String node, Instant from, Instant to, String fp) {
    return new CertificateIssued(serial, user, node, from, to, KeyAlgorithm.EC_P256, KeySource.SERVER_GENERATED,
        CaBackend.LOCAL, fp, "-----BEGIN CERTIFICATE-----", NOW.minus(Duration.ofDays(1)), user);
  }

  static CertificateRevoked revoked(String serial) {
    return new CertificateRevoked(serial, ALICE, NODE, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)),
        FINGERPRINT, RevocationReason.KEY_COMPROMISE, NOW.minusSeconds(10), ALICE);
  }

  static Stream<Arguments> rules() {
    CertificateFacts base = Case.good().facts();
    return Stream.of(
        row("a known, active, valid certificate for its own provisioned node is allowed",
            c -> c, DecisionReason.ALLOWED),
        row("a certificate the allow-list has never seen is unknown",
            c -> c.facts(new CertificateFacts("ffff", base.identity(), base.notBefore(), base.notAfter(), true,
                FINGERPRINT)), DecisionReason.UNKNOWN_CERTIFICATE),
        row("a certificate with a known serial but other bytes (another CA) is unknown",
            c -> c.facts(new CertificateFacts(SERIAL, base.identity(), base.notBefore(), base.notAfter(), true,
                "cd".repeat(32))), DecisionReason.UNKNOWN_CERTIFICATE),
        row("a revoked certificate is denied",
            c -> c.then(revoked(SERIAL)), DecisionReason.REVOKED),
        row("a revoked certificate stays revoked when its issued event is replayed after the revocation",
            c -> c.then(revoked(SERIAL)).then(issued(SERIAL, ALICE, NODE, base.notBefore(), base.notAfter(),
                FINGERPRINT)), DecisionReason.REVOKED),
        row("a certificate past its notAfter is expired",
            c -> c.at(base.notAfter().plusSeconds(1)).freshness(Freshness.confirmed(base.notAfter(), BOUND)),
            DecisionReason.EXPIRED),
        row("a certificate is still valid at exactly notAfter (RFC 5280 inclusive)",
            c -> c.at(base.notAfter()).freshness(Freshness.confirmed(base.notAfter(), BOUND)),
            DecisionReason.ALLOWED),
        row("an allow-list record that expires before the certificate itself wins",
            c -> c.replace(issued(SERIAL, ALICE, NODE, base.notBefore(), NOW.minusSeconds(1), FINGERPRINT)),
            DecisionReason.EXPIRED),
        row("a certificate before its notBefore is not yet valid",
            c -> c.at(base.notBefore().minusSeconds(1)).freshness(Freshness.confirmed(base.notBefore(), BOUND)),
            DecisionReason.NOT_YET_VALID),
        row("an allow-list record that starts later than the certificate wins",
            c -> c.replace(issued(SERIAL, ALICE, NODE, NOW.plusSeconds(60), base.notAfter(), FINGERPRINT)),
            DecisionReason.NOT_YET_VALID),
        row("a certificate for node-1 used on node-2 is a node mismatch",
            c -> c.target("node-2").then(new NodeProvisioned("node-2", ALICE, "http://x", NOW, "admin")),
            DecisionReason.NODE_MISMATCH),
        row("a certificate whose allow-list record names another node is a node mismatch",
            c -> c.replace(issued(SERIAL, ALICE, "node-2", base.notBefore(), base.notAfter(), FINGERPRINT)),
            DecisionReason.NODE_MISMATCH),
        row("a certificate for a deprovisioned node is denied",
            c -> c.then(new NodeDeprovisioned(NODE, ALICE, NOW, "admin")), DecisionReason.NODE_NOT_PROVISIONED),
        row("a certificate for a node that was never provisioned is denied",
            c -> c.without(NodeProvisioned.class).then(new NodeProvisioned("other", ALICE, "http://x", NOW, "admin")),
            DecisionReason.NODE_NOT_PROVISIONED),
        row("a certificate of a user who no longer owns the node is denied",
            c -> c.then(new NodeProvisioned(NODE, "bob", "http://x", NOW, "admin")), DecisionReason.NOT_OWNER),
        row("a certificate whose identity names another user than its allow-list record is denied",
            c -> c.identity("mallory", NODE).then(new NodeProvisioned(NODE, "mallory", "http://x", NOW, "admin")),
            DecisionReason.NOT_OWNER),
        row("a certificate without an identity SAN is an invalid identity",
            c -> c.facts(new CertificateFacts(SERIAL, null, base.notBefore(), base.notAfter(), true, FINGERPRINT)),
            DecisionReason.INVALID_IDENTITY),
        row("a certificate without the clientAuth EKU is an invalid identity",
            c -> c.facts(new CertificateFacts(SERIAL, base.identity(), base.notBefore(), base.notAfter(), false,
                FINGERPRINT)), DecisionReason.INVALID_IDENTITY),
        row("a certificate with a non-positive serial is an invalid identity",
            c -> c.facts(new CertificateFacts(null, base.identity(), base.notBefore(), base.notAfter(), true,
                FINGERPRINT)), DecisionReason.INVALID_IDENTITY),
        row("a target that is not a node id is invalid",
            c -> c.target(".."), DecisionReason.INVALID_TARGET),
        row("a missing target is invalid",
            c -> c.target(null), DecisionReason.INVALID_TARGET),
        row("an allow-list that has not confirmed freshness within the bound fails closed",
            c -> c.freshness(Freshness.confirmed(NOW.minus(BOUND).minusMillis(1), BOUND)),
            DecisionReason.ALLOWLIST_STALE),
        row("an allow-list that has never been confirmed fresh fails closed",
            c -> c.freshness(Freshness.never(BOUND)), DecisionReason.ALLOWLIST_STALE),
        row("an allow-list confirmed exactly at the bound is still fresh",
            c -> c.freshness(Freshness.confirmed(NOW.minus(BOUND), BOUND)), DecisionReason.ALLOWED),
        row("a stale allow-list denies even a revoked certificate as stale, never as allowed",
            c -> c.then(revoked(SERIAL)).freshness(Freshness.never(BOUND)), DecisionReason.ALLOWLIST_STALE));
  }

  static Arguments row(String name, UnaryOperator<Case> change, DecisionReason expected) {
    return Arguments.of(name, change, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleGivesItsReason(String name, UnaryOperator<Case> change, DecisionReason expected) {
    Decision decision = change.apply(Case.good()).decide();
    assertEquals(expected, decision.reason());
    assertEquals(expected == DecisionReason.ALLOWED ? Effect.ALLOW : Effect.DENY, decision.effect());
  }

  @Test
  void reProvisioningTheNodeForTheSameOwnerRestoresAccessButRevocationStays() {
    Case c = Case.good().then(new NodeDeprovisioned(NODE, ALICE, NOW, "admin"))
        .then(new NodeProvisioned(NODE, ALICE, "http://y", NOW, "admin"));
    assertEquals(DecisionReason.ALLOWED, c.decide().reason());
    assertEquals(DecisionReason.REVOKED, c.then(revoked(SERIAL)).decide().reason());
  }
}
