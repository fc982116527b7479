package io.nodeward.bench.audit;

import io.nodeward.events.AccessDecided;
import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.EventData;
import io.nodeward.events.EventType;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.RevocationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A realistic, reproducible event mix for the audit benchmarks: mostly access decisions (10% denies), some
 * certificate and node lifecycle, spread evenly over a time window; {@code users} people owning {@code nodes}
 * nodes (node i belongs to user i % users), serials drawn from a pool.
 */
final class AuditEventGenerator {

  static final String FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUXB4PmnsdLEjm8aC5yNfm9aSzwtEwCgYIKoZIzj0EAwIw\n"
      + "FzEVMBMGA1UEAwwMbm9kZXdhcmQgQ0EwHhcNMjYxMTI0MTAxNTMwWhcNMjYxMjAx\n-----END CERTIFICATE-----\n";
  private static final DecisionReason[] DENIES = {DecisionReason.NOT_OWNER, DecisionReason.REVOKED,
      DecisionReason.EXPIRED, DecisionReason.UNKNOWN_CERTIFICATE, DecisionReason.NODE_MISMATCH};

  final int users;
  final int nodes;
  final int serials;
  final Instant start;
  final Duration window;
  final long count;
  private final SplittableRandom random;

  AuditEventGenerator(long count, int users, int nodes, int serials, Instant start, Duration window, long seed) {
    this.count = count;
    this.users = users;
    this.nodes = nodes;
    this.serials = serials;
    this.start = start;
    this.window = window;
    this.random = new SplittableRandom(seed);
  }

  static String user(int i) {
    return new UUID(0x3f9c2a1e7b4d4c8eL, i).toString();
  }

  static String node(int i) {
    return "node-" + i;
  }

  static String serial(int i) {
    return Long.toHexString(0x5c1e0f9a00000000L + i);
  }

  /** Event {@code i} of the stream; times increase with i. */
  CloudEvent<?> event(long i) {
    Instant time = start.plusNanos(window.toNanos() / count * i);
    int node = random.nextInt(nodes);
    String user = user(node % users);
    int serialIndex = random.nextInt(serials);
    String serial = serial(serialIndex);
    int kind = random.nextInt(100);
    EventData data;
    if (kind < 90) {
      DecisionReason reason = random.nextInt(10) == 0 ? DENIES[random.nextInt(DENIES.length)] : DecisionReason.ALLOWED;
      data = new AccessDecided("d-" + i, serial, user, node(node), node(node), "GET", "/api/v1/status", reason.effect(), reason,
          "10.0.0." + random.nextInt(250), "TLSv1.3", time, "gw-1");
    } else if (kind < 95) {
      data = new CertificateIssued(serial, user, node(node), time, time.plus(Duration.ofDays(7)), KeyAlgorithm.EC_P256,
          KeySource.CLIENT_CSR, CaBackend.LOCAL, FINGERPRINT, PEM, time, user);
    } else if (kind < 97) {
      data = new CertificateRevoked(serial, user, node(node), time, time.plus(Duration.ofDays(7)), FINGERPRINT,
          RevocationReason.KEY_COMPROMISE, time, user);
    } else if (kind < 99) {
      data = new IssuanceDenied("r-" + i, user, node(node), IssuanceRefusal.NOT_OWNER, "node belongs to another user", time);
    } else {
      data = new NodeProvisioned(node(node), user, "http://10.0.1." + (node % 250) + ":8080", time, "admin");
    }
    return new CloudEvent<>(UUID.randomUUID().toString(), "/nodeward/bench", EventType.of(data), time, data);
  }
}
