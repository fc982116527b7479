package io.nodeward.bench.cli;

import io.nodeward.cli.renew.RenewalTarget;
import io.nodeward.cli.renew.Renewer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renewals per second through the client's own renewal code ({@code Renewer}: read the files, mutual TLS with the
 * certificate being renewed, a fresh EC key and CSR, the issuer signs and records, atomic file replacement), with a
 * warm JVM: what a fleet's renewals cost the issuer, without a JVM start per renewal. Each worker renews its own
 * certificate in {@code DIR/w<i>/} (node.crt, node.key, ca.pem) over and over.
 *
 *   java -cp ... io.nodeward.bench.cli.RenewalThroughput MTLS_URL DIR WORKERS RENEWALS_PER_WORKER [WARMUP]
 */
public final class RenewalThroughput {

  private RenewalThroughput() {
  }

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    Path dir = Path.of(args[1]);
    int workers = Integer.parseInt(args[2]);
    int perWorker = Integer.parseInt(args[3]);
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    List<Renewer> renewers = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      Path w = dir.resolve("w" + i);
      renewers.add(new Renewer(url, new RenewalTarget(w.resolve("node.crt"), w.resolve("node.key"), w.resolve("ca.pem")),
          false, request -> { }, "nodeward-bench"));
    }
    run(renewers, warmup);
    long started = System.nanoTime();
    List<Long> latencies = run(renewers, perWorker);
    double seconds = (System.nanoTime() - started) / 1e9;
    Collections.sort(latencies);
    System.out.printf("workers %d: %d renewals in %.1f s = %.1f renewals/s; latency p50 %.1f ms, p99 %.1f ms%n",
        workers, latencies.size(), seconds, latencies.size() / seconds, latencies.get(latencies.size() / 2) / 1e6,
        latencies.get((int) (latencies.size() * 0.99)) / 1e6);
  }

  private static List<Long> run(List<Renewer> renewers, int each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(renewers.size());
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (Renewer renewer : renewers) {
        results.add(pool.submit(() -> {
          List<Long> times = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            long t0 = System.nanoTime();
            renewer.renew();
            times.add(System.nanoTime() - t0);
          }
          return times;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> result : results) {
        all.addAll(result.get());
      }
      return all;
    } finally {
      pool.shutdown();
    }
  }
}
