package io.nodeward.bench.audit;

import io.nodeward.audit.app.CachedTiles;
import io.nodeward.audit.app.LogProofs;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.VerificationReport;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.MerkleHash;
import io.nodeward.audit.domain.log.MerkleTree;
import io.nodeward.audit.domain.log.TileHashes;
import io.nodeward.audit.domain.log.ProofVerifier;
import io.nodeward.audit.domain.log.Tile;
import io.nodeward.audit.domain.log.TreeEdge;
import io.nodeward.bench.Machine;
import java.util.Collection;
import io.nodeward.audit.domain.log.SignedNote;
import io.nodeward.audit.store.JdbcAuditStore;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * The transparency log at scale, at the store and use-case level (no Kafka, no HTTP): bulk-loads N records through
 * the service's own {@link TrailWriter} (the same canonical JSON, leaf hashes and tiles as ingest, batches of
 * {@code batch} in one transaction each), signs a checkpoint, then times inclusion and consistency proofs through
 * {@link LogProofs} (as the API serves them: tiles read from the database, full tiles cached) and checks each
 * against the signed root, and finally a full verification: every record re-hashed from its stored canonical JSON,
 * the tree rebuilt from the leaves and compared with every tile and the note.
 *
 * <pre>java -cp ... io.nodeward.bench.audit.AuditLogBenchmark &lt;postgres|sqlite&gt; &lt;records&gt; [proofs=2000] [batch=10000]</pre>
 * With -Dbench.url=&lt;jdbc url&gt; it reuses a database loaded before (skips the load; -Dbench.keep=true keeps one).
 */
public final class AuditLogBenchmark {

  private static final String ORIGIN = "bench.nodeward/audit";

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "sqlite";
    long records = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    int proofs = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
    String reuse = System.getProperty("bench.url");
    boolean keep = Boolean.getBoolean("bench.keep") || reuse != null;

    BenchDatabase db = reuse == null ? BenchDatabase.create(kind) : null;
    String url = reuse != null ? reuse : db.url;
    Ed25519KeySigner signer = Ed25519KeySigner.generate(ORIGIN);
    Vertx vertx = Vertx.vertx();
    try (JdbcAuditStore store = JdbcAuditStore.open(url)) {
      store.migrate();
      TrailWriter writer = new TrailWriter(store, Clock.systemUTC());
      if (reuse == null && Boolean.getBoolean("bench.tilesOnly")) {
        loadTiles(store, records);
      } else if (reuse == null) {
        load(store, writer, records, batch);
      }
      long size = store.treeSize();
      // a reused database was signed by the key of an earlier run: prove against its tree's own root then
      StoredNote note = writer.checkpoint(signer, ORIGIN).orElseGet(() -> store.newestNote().orElseThrow());
      byte[] root = reuse == null ? SignedNote.open(note.note(), signer.verifierKey()).rootHash()
          : new MerkleTree(new TileHashes(new CachedTiles(store, 0).forRequest())).root(note.treeSize());
      System.out.printf("url %s%nlog: %,d leaves, checkpoint at %,d%n", keep ? url : "(dropped after the run)", size, note.treeSize());

      WorkerExecutor workers = vertx.createSharedWorkerExecutor("bench-proofs", 1);
      LogProofs logProofs = new LogProofs(store, workers, new CachedTiles(store, 4096));
      proofs(logProofs, note.treeSize(), root, proofs);
      if (!Boolean.getBoolean("bench.tilesOnly")) {
        verify(store, signer);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (db != null && !keep) {
        db.close();
      }
    }
  }

  private static void load(JdbcAuditStore store, TrailWriter writer, long records, int batch) {
    EventCodec codec = new EventCodec();
    AuditEventGenerator generator = new AuditEventGenerator(records, 500, 1000, 5000, Instant.parse("2026-11-01T00:00:00Z"),
        Duration.ofDays(30), 7);
    long wall = System.nanoTime();
    long cpu = Machine.processCpuNanos();
    long step = System.nanoTime();
    for (long from = 0; from < records; from += batch) {
      long to = Math.min(records, from + batch);
      List<IncomingEvent> events = LongStream.range(from, to).parallel().mapToObj(i -> {
        CloudEvent<?> event = generator.event(i);
        return IncomingEvent.of(codec, event, event.topic().name(), 0, i);
      }).toList();
      writer.append(events);
      if (to % 1_000_000 == 0 || to == records) {
        double seconds = (System.nanoTime() - step) / 1e9;
        System.out.printf("  loaded %,d (%,.0f/s over the last step; load average %.2f)%n", to,
            (to % 1_000_000 == 0 ? 1_000_000 : to % 1_000_000) / seconds, Machine.loadAverage());
        step = System.nanoTime();
      }
    }
    double seconds = (System.nanoTime() - wall) / 1e9;
    double cpuSeconds = (Machine.processCpuNanos() - cpu) / 1e9;
    System.out.printf("RESULT load %,d records through TrailWriter in %.1f s = %,.0f records/s (JVM CPU %.1f µs/record; "
        + "batch %d)%n", records, seconds, records / seconds, cpuSeconds * 1e6 / records, batch);
  }

  /**
   * The tree alone, for proof latency at sizes this machine cannot load records for in the time there is: leaf i
   * is SHA-256(0x00 ‖ i as 8 bytes), and the tiles are built and stored by the service's own {@link TreeEdge}
   * exactly as ingest builds them (proofs read only tiles; a proof by sequence for a leaf without a record body is
   * what retention leaves behind, and is served the same way).
   */
  private static void loadTiles(JdbcAuditStore store, long leaves) {
    TreeEdge edge = TreeEdge.empty();
    long wall = System.nanoTime();
    int chunk = 1 << 20;
    for (long from = 0; from < leaves; from += chunk) {
      long to = Math.min(leaves, from + chunk);
      List<byte[]> hashes = LongStream.range(from, to).parallel()
          .mapToObj(i -> MerkleHash.leaf(java.nio.ByteBuffer.allocate(8).putLong(i).array())).toList();
      Collection<Tile> changed = edge.append(hashes);
      store.write("bulk tiles", write -> {
        write.putTiles(changed);
        return null;
      });
      System.out.printf("  tiles for %,d leaves (load average %.2f)%n", to, Machine.loadAverage());
    }
    System.out.printf("RESULT bulk tree load: %,d leaves in %.1f s%n", leaves, (System.nanoTime() - wall) / 1e9);
  }

  private static void proofs(LogProofs logProofs, long size, byte[] root, int count) throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < Math.min(200, count); i++) {
      await(logProofs.inclusion(null, true, new LogProofs.Leaf(null, null, 1 + random.nextLong(size)), size));
      await(logProofs.consistency(1 + random.nextLong(size), size));
    }
    long[] inclusion = new long[count];
    long[] consistency = new long[count];
    long maxInclusionBytes = 0;
    long maxConsistencyBytes = 0;
    long cpu = Machine.processCpuNanos();
    long wall = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long sequence = 1 + random.nextLong(size);
      long t0 = System.nanoTime();
      LogProofs.Inclusion proof = await(logProofs.inclusion(null, true, new LogProofs.Leaf(null, null, sequence), size));
      inclusion[i] = System.nanoTime() - t0;
      if (!ProofVerifier.verifyInclusion(proof.leafIndex(), size, proof.leafHash(), proof.hashes(), root)) {
        throw new IllegalStateException("inclusion proof for " + sequence + " does not verify");
      }
      maxInclusionBytes = Math.max(maxInclusionBytes, 32L * proof.hashes().size());
    }
    double inclusionCpu = (Machine.processCpuNanos() - cpu) / 1e3 / count;
    double inclusionWall = (System.nanoTime() - wall) / 1e3 / count;
    cpu = Machine.processCpuNanos();
    wall = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long from = 1 + random.nextLong(size - 1);
      long t0 = System.nanoTime();
      LogProofs.Consistency proof = await(logProofs.consistency(from, size));
      consistency[i] = System.nanoTime() - t0;
      maxConsistencyBytes = Math.max(maxConsistencyBytes, 32L * proof.hashes().size());
    }
    double consistencyCpu = (Machine.processCpuNanos() - cpu) / 1e3 / count;
    double consistencyWall = (System.nanoTime() - wall) / 1e3 / count;
    long bound = 32L * (64 - Long.numberOfLeadingZeros(size - 1));
    System.out.printf("RESULT inclusion proof at %,d leaves: p50 %.3f ms, p99 %.3f ms, max %.3f ms; %.0f µs wall, %.0f µs JVM "
        + "CPU per proof; largest %d bytes (32·⌈log2 n⌉ = %d); every proof verified against the signed root (load average %.2f)%n",
        size, ms(inclusion, 0.50), ms(inclusion, 0.99), ms(inclusion, 1.0), inclusionWall, inclusionCpu, maxInclusionBytes, bound,
        Machine.loadAverage());
    System.out.printf("RESULT consistency proof to %,d leaves: p50 %.3f ms, p99 %.3f ms, max %.3f ms; %.0f µs wall, %.0f µs JVM "
        + "CPU per proof; largest %d bytes (load average %.2f)%n",
        size, ms(consistency, 0.50), ms(consistency, 0.99), ms(consistency, 1.0), consistencyWall, consistencyCpu,
        maxConsistencyBytes, Machine.loadAverage());
  }

  private static void verify(JdbcAuditStore store, Ed25519KeySigner signer) {
    LogVerifier verifier = LogVerifier.create(signer.verifierKey(), ORIGIN, new EventCodec());
    long cpu = Machine.processCpuNanos();
    long wall = System.nanoTime();
    VerificationReport report = store.scan(contents -> verifier.verify(contents, null));
    double seconds = (System.nanoTime() - wall) / 1e9;
    double cpuSeconds = (Machine.processCpuNanos() - cpu) / 1e9;
    System.out.printf("RESULT full verification: intact=%s, %,d records re-hashed, %,d leaves, %d checkpoints checked%s in %.1f s "
        + "= %,.0f records/s, JVM CPU %.1f s (load average %.2f)%n", report.intact(), report.recordsChecked(), report.treeSize(),
        report.checkpointsChecked(), report.finding() == null ? "" : " (" + report.finding() + ")", seconds,
        report.recordsChecked() / seconds, cpuSeconds, Machine.loadAverage());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static double ms(long[] nanos, double quantile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private AuditLogBenchmark() {
  }
}
