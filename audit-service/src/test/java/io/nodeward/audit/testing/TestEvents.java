package io.nodeward.audit.testing;

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
import io.nodeward.events.NodeDeprovisioned;
import io.nodeward.events.NodeProvisioned;
import io.nodeward.events.RevocationReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Realistic events of every kind the audit service stores, for tests. */
public final class TestEvents {

  public static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
  public static final String ALICE = "3f9c2a1e-7b4d-4c8e-9a0f-2d6b8e1c5a73";
  public static final String BOB = "8d2e4f60-1a3b-4c5d-8e9f-0a1b2c3d4e5f";
  static final String FP = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUXB4PmnsdLEjm8aC5yNfm9aSzwtEw\n-----END CERTIFICATE-----\n";

  private TestEvents() {
  }

  public static <T extends EventData> CloudEvent<T> event(T data, Instant time) {
    return new CloudEvent<>(UUID.randomUUID().toString(), "/nodeward/test", EventType.of(data), time, data);
  }

  public static CloudEvent<AccessDecided> decision(String user, String node, String serial, DecisionReason reason, Instant time) {
    return event(new AccessDecided("d-" + UUID.randomUUID(), serial, user, node, node, "GET", "/status",
        reason.effect(), reason, "127.0.0.1", "TLSv1.3", time, "gw-1"), time);
  }

  public static CloudEvent<CertificateIssued> issued(String user, String node, String serial, Instant time) {
    return event(new CertificateIssued(serial, user, node, time, time.plusSeconds(86400), KeyAlgorithm.EC_P256,
        KeySource.CLIENT_CSR, CaBackend.LOCAL, FP, PEM, time, user), time);
  }

  public static CloudEvent<CertificateRevoked> revoked(String user, String node, String serial, Instant time) {
    return event(new CertificateRevoked(serial, user, node, time, time.plusSeconds(86400), FP,
        RevocationReason.KEY_COMPROMISE, time, user), time);
  }

  public static CloudEvent<IssuanceDenied> denied(String user, String node, Instant time) {
    return event(new IssuanceDenied("req-" + UUID.randomUUID(), user, node, IssuanceRefusal.NOT_OWNER, "not yours", time), time);
  }

  public static CloudEvent<NodeProvisioned> provisioned(String user, String node, Instant time) {
    return event(new NodeProvisioned(node, user, "http://127.0.0.1:9000", time, "admin"), time);
  }

  public static CloudEvent<NodeDeprovisioned> deprovisioned(String user, String node, Instant time) {
    return event(new NodeDeprovisioned(node, user, time, "admin"), time);
  }

  /**
   * A mixed stream: event i is at T0 + i minutes; alice owns node-a, bob node-b; every 7th decision is a deny.
   */
  public static List<CloudEvent<?>> mixed(int count) {
    return mixed(count, ALICE, BOB);
  }

  /** {@link #mixed(int)} with the two users' ids given (e.g. real Cognito subs). */
  public static List<CloudEvent<?>> mixed(int count, String aliceId, String bobId) {
    List<CloudEvent<?>> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant time = T0.plusSeconds(60L * i);
      boolean alice = i % 2 == 0;
      String user = alice ? aliceId : bobId;
      String node = alice ? "node-a" : "node-b";
      String serial = Integer.toHexString(0x1000 + i % 5);
      events.add(switch (i % 10) {
        case 0 -> provisioned(user, node, time);
        case 1 -> issued(user, node, serial, time);
        case 2 -> revoked(user, node, serial, time);
        case 3 -> denied(user, node, time);
        case 4 -> deprovisioned(user, node, time);
        default -> decision(user, node, serial, i % 7 == 0 ? DecisionReason.NOT_OWNER : DecisionReason.ALLOWED, time);
      });
    }
    return events;
  }
}
