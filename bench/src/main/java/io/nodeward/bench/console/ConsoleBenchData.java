package io.nodeward.bench.console;

import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.store.JdbcAuditStore;
import io.nodeward.events.AccessDecided;
import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.EventType;
import io.nodeward.events.IssuanceDenied;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.RevocationReason;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * What the console benchmark puts behind the console. {@link #certificates}: alice's nodes and N certificates on
 * them through the issuer's public API (CSR mode, EC P-256, 32 in flight), every tenth revoked.
 * {@link #trail}: M more audit records appended to the stopped stack's SQLite trail through the audit store's own
 * chained batch append (as {@code AuditQueryBenchmark} loads), spread over the last 30 days: access decisions
 * (10% denies) and certificate lifecycle of 500 people on 1,000 nodes, one person of them alice on her real nodes.
 */
final class ConsoleBenchData {

  static final int PEOPLE = 500;
  static final int NODES = 1000;
  static final Duration WINDOW = Duration.ofDays(30);
  private static final DecisionReason[] DENIES = {DecisionReason.NOT_OWNER, DecisionReason.REVOKED,
      DecisionReason.EXPIRED, DecisionReason.UNKNOWN_CERTIFICATE, DecisionReason.NODE_MISMATCH};
  private static final String FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUXB4PmnsdLEjm8aC5yNfm9aSzwtEw\n-----END CERTIFICATE-----\n";

  private ConsoleBenchData() {
  }

  /** The node ids alice owns in the benchmark: the stack's demo node and {@code count - 1} more. */
  static List<String> aliceNodes(int count) {
    List<String> nodes = new ArrayList<>(List.of("demo-node-1"));
    for (int i = 1; i < count; i++) {
      nodes.add("bench-node-" + i);
    }
    return nodes;
  }

  /** Provisions alice's nodes (as admin), issues {@code count} certificates for them (as alice), revokes every tenth. */
  static void certificates(String issuerUrl, ApiSession admin, ApiSession alice, String upstream, int nodeCount, int count)
      throws Exception {
    List<String> nodes = aliceNodes(nodeCount);
    for (String node : nodes.subList(1, nodes.size())) {
      admin.post(issuerUrl + "/v1/admin/nodes", new JsonObject().put("nodeId", node).put("ownerUserId", alice.sub)
          .put("upstreamUrl", upstream)).join();
    }
    List<List<String>> csrs = new ArrayList<>();
    for (String node : nodes) {
      List<String> forNode = new ArrayList<>();
      for (int k = 0; k < 16; k++) {
        forNode.add(csrPem(ecP256(), node));
      }
      csrs.add(forNode);
    }
    long t0 = System.nanoTime();
    List<String> serials = Collections.synchronizedList(new ArrayList<>());
    inFlight(count, 32, i -> {
      int node = i % nodes.size();
      return alice.post(issuerUrl + "/v1/certificates", new JsonObject().put("nodeId", nodes.get(node))
          .put("csrPem", csrs.get(node).get((i / nodes.size()) % 16))).thenAccept(c -> serials.add(c.getString("serialNumber")));
    });
    double issued = (System.nanoTime() - t0) / 1e9;
    List<String> revoke = new ArrayList<>();
    for (int i = 0; i < serials.size(); i += 10) {
      revoke.add(serials.get(i));
    }
    inFlight(revoke.size(), 16, i -> alice.post(issuerUrl + "/v1/certificates/" + revoke.get(i) + "/revoke",
        new JsonObject().put("reason", i % 2 == 0 ? "KEY_COMPROMISE" : "SUPERSEDED")).thenAccept(c -> { }));
    System.out.printf("DATA %,d certificates issued for alice on %d nodes in %.1f s (%,.0f/s), %,d revoked%n", serials.size(),
        nodes.size(), issued, serials.size() / issued, revoke.size());
  }

  /** Appends {@code count} records to the SQLite trail under {@code dataDir} (the stack must be stopped). */
  static void trail(Path dataDir, int count, String aliceSub, List<String> aliceNodes) {
    EventCodec codec = new EventCodec();
    Instant end = Instant.now().minusSeconds(60);
    Instant start = end.minus(WINDOW);
    SplittableRandom random = new SplittableRandom(7);
    long t0 = System.nanoTime();
    try (JdbcAuditStore store = JdbcAuditStore.open(AuditConfig.defaultSqliteUrl(dataDir))) {
      store.migrate();
      TrailWriter writer = new TrailWriter(store, Clock.systemUTC());
      int batch = 5000;
      long size = 0;
      for (int from = 0; from < count; from += batch) {
        List<CloudEvent<?>> chunk = new ArrayList<>(batch);
        for (int i = from; i < Math.min(count, from + batch); i++) {
          Instant time = start.plusNanos(WINDOW.toNanos() / count * i);
          chunk.add(event(i, time, random, aliceSub, aliceNodes));
        }
        List<IncomingEvent> incoming = chunk.parallelStream()
            .map(e -> IncomingEvent.of(codec, e, e.topic().name(), 0, null)).toList();
        size = writer.append(incoming).treeSize();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("DATA %,d audit records appended in %.1f s (%,.0f/s); the trail now holds %,d%n", count, seconds,
          count / seconds, size);
    }
  }

  /** One record: node {@code n} belongs to person {@code n % PEOPLE}; person 0 is alice, on her real nodes. */
  private static CloudEvent<?> event(long i, Instant time, SplittableRandom random, String aliceSub, List<String> aliceNodes) {
    int n = random.nextInt(NODES);
    int person = n % PEOPLE;
    String user = person == 0 ? aliceSub : new UUID(0x3f9c2a1e7b4d4c8eL, person).toString();
    String node = person == 0 ? aliceNodes.get((n / PEOPLE + random.nextInt(aliceNodes.size())) % aliceNodes.size()) : "node-" + n;
    String serial = Long.toHexString(0x5c1e0f9a00000000L + random.nextInt(5000));
    int kind = random.nextInt(100);
    EventData data;
    if (kind < 90) {
      DecisionReason reason = random.nextInt(10) == 0 ? DENIES[random.nextInt(DENIES.length)] : DecisionReason.ALLOWED;
      data = new AccessDecided("d-" + i, serial, user, node, node, "GET", "/api/v1/status", reason.effect(), reason,
          "10.0.0." + random.nextInt(250), "TLSv1.3", time, "gw-1");
    } else if (kind < 96) {
      data = new CertificateIssued(serial, user, node, time, time.plus(Duration.ofDays(7)), KeyAlgorithm.EC_P256,
          KeySource.CLIENT_CSR, CaBackend.LOCAL, FINGERPRINT, PEM, time, user);
    } else if (kind < 98) {
      data = new CertificateRevoked(serial, user, node, time, time.plus(Duration.ofDays(7)), FINGERPRINT,
          RevocationReason.KEY_COMPROMISE, time, user);
    } else {
      data = new IssuanceDenied("r-" + i, user, node, IssuanceRefusal.NOT_OWNER, "node belongs to another user", time);
    }
    return new CloudEvent<>(UUID.randomUUID().toString(), "/nodeward/bench", EventType.of(data), time, data);
  }

  @FunctionalInterface
  private interface Call {
    CompletableFuture<Void> start(int index);
  }

  /** Runs {@code count} calls with at most {@code parallel} in flight; fails on the first failure. */
  private static void inFlight(int count, int parallel, Call call) throws InterruptedException {
    Semaphore slots = new Semaphore(parallel);
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < count && failures.isEmpty(); i++) {
      slots.acquire();
      call.start(i).whenComplete((v, e) -> {
        if (e != null) {
          failures.add(e);
        }
        slots.release();
      });
    }
    slots.acquire(parallel);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " calls failed; first: " + failures.get(0).getMessage(), failures.get(0));
    }
  }

  private static KeyPair ecP256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String csrPem(KeyPair pair, String node) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + node), pair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
    return out.toString();
  }
}
