package io.nodeward.bench.authorizer;

import io.nodeward.authorizer.domain.AccessPolicy;
import io.nodeward.authorizer.domain.AllowListSnapshot;
import io.nodeward.authorizer.domain.CertificateFacts;
import io.nodeward.authorizer.domain.Decision;
import io.nodeward.authorizer.domain.Freshness;
import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.EventData;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.NodeProvisioned;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request decision cost: {@link AccessPolicy#decide} against an allow-list of {@code certificates}
 * entries, and the whole per-request work (extract the facts from the peer certificate, then decide).
 * SampleTime mode gives the percentiles (p99 target: under 20 µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessPolicyBenchmark {

  @Param({"100000"})
  public int certificates;

  private AllowListSnapshot snapshot;
  private CertificateFacts allowed;
  private CertificateFacts revoked;
  private X509Certificate peer;
  private Freshness freshness;
  private Instant now;
  private CertificateIssued oneMore;

  @Setup
  public void setUp() throws Exception {
    BenchPki pki = new BenchPki();
    BenchPki.Issued good = pki.client("alice", "node-1");
    BenchPki.Issued bad = pki.client("alice", "node-1");
    now = Instant.now();
    List<EventData> events = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      events.add(new NodeProvisioned("node-" + i, "user-" + (i % 50 == 1 ? "alice" : i), "http://127.0.0.1:9000",
          now, "admin"));
    }
    events.add(new NodeProvisioned("node-1", "alice", "http://127.0.0.1:9000", now, "admin"));
    for (int i = 0; i < certificates - 2; i++) {
      events.add(issued(Integer.toHexString(0x100000 + i), "node-" + (i % 1000)));
    }
    events.add(good.issued());
    events.add(bad.issued());
    events.add(bad.revoked());
    snapshot = AllowListSnapshot.EMPTY.apply(events);
    peer = good.certificate();
    allowed = CertificateFacts.from(good.certificate(), BenchPki.TRUST_DOMAIN);
    revoked = CertificateFacts.from(bad.certificate(), BenchPki.TRUST_DOMAIN);
    freshness = Freshness.confirmed(now, Duration.ofSeconds(5));
    oneMore = issued("fffffff", "node-7");
    if (!decideAllowed().allowed()) {
      throw new IllegalStateException("benchmark set-up is wrong: the good certificate is not allowed");
    }
  }

  private CertificateIssued issued(String serial, String node) {
    return new CertificateIssued(serial, "user-x", node, now.minusSeconds(60), now.plusSeconds(86_400),
        KeyAlgorithm.EC_P256, KeySource.SERVER_GENERATED, CaBackend.LOCAL, "00".repeat(32), "pem", now, "user-x");
  }

  @Benchmark
  public Decision decideAllowed() {
    return AccessPolicy.decide(allowed, snapshot, "node-1", now, freshness);
  }

  @Benchmark
  public Decision decideRevoked() {
    return AccessPolicy.decide(revoked, snapshot, "node-1", now, freshness);
  }

  /** What the gateway does per request: facts from the peer certificate (SAN, EKU, SHA-256), then decide. */
  @Benchmark
  public Decision extractFactsAndDecide() {
    return AccessPolicy.decide(CertificateFacts.from(peer, BenchPki.TRUST_DOMAIN), snapshot, "node-1", now, freshness);
  }

  /** Copy-on-write cost of applying one event (a revocation arriving) to the whole list. */
  @Benchmark
  public AllowListSnapshot applyOneEvent() {
    return snapshot.apply(oneMore);
  }
}
