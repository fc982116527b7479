package io.nodeward.bench.audit;

import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.store.JdbcAuditStore;
import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Query latency over a large trail: bulk-loads N events (default 1,000,000 over 30 days, 500 users, 1,000 nodes,
 * 5,000 serials) through the store's own chained batch append, then times each query shape with random
 * parameters, single-threaded, at the store API (JDBC, no HTTP): p50/p95/p99 in milliseconds.
 *
 * <pre>java -cp ... io.nodeward.bench.audit.AuditQueryBenchmark &lt;postgres|sqlite&gt; [events=1000000] [iterations=200]</pre>
 */
public final class AuditQueryBenchmark {

  private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofDays(30);

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "postgres";
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    try (BenchDatabase db = BenchDatabase.create(kind); JdbcAuditStore store = JdbcAuditStore.open(db.url)) {
      store.migrate();
      AuditEventGenerator generator = new AuditEventGenerator(events, 500, 1000, 5000, START, WINDOW, 7);
      long t0 = System.nanoTime();
      load(store, generator, events);
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("RESULT load %-8s %,d events in %.1f s = %,.0f events/s (batch append, chain on)%n",
          kind, events, loadSeconds, events / loadSeconds);
      analyze(db.url);
      SplittableRandom random = new SplittableRandom(11);
      measure(kind, "userId", iterations, i -> () -> store.find(base().withUserId(AuditEventGenerator.user(random.nextInt(500)))));
      measure(kind, "nodeId", iterations, i -> () -> store.find(q(null, AuditEventGenerator.node(random.nextInt(1000)), null, null, null, null, null)));
      measure(kind, "serial", iterations, i -> () -> store.find(q(null, null, AuditEventGenerator.serial(random.nextInt(5000)), null, null, null, null)));
      measure(kind, "type=revoked", iterations, i -> () -> store.find(new AuditQuery(Set.of(EventType.CERTIFICATE_REVOKED),
          null, null, null, null, null, null, null, 100, null)));
      measure(kind, "effect=DENY", iterations, i -> () -> store.find(q(null, null, null, "DENY", null, null, null)));
      measure(kind, "reason=EXPIRED", iterations, i -> () -> store.find(q(null, null, null, null, "EXPIRED", null, null)));
      measure(kind, "1h range", iterations, i -> () -> {
        Instant from = randomTime(random, Duration.ofHours(1));
        return store.find(q(null, null, null, null, null, from, from.plus(Duration.ofHours(1))));
      });
      measure(kind, "node+1d range", iterations, i -> () -> {
        Instant from = randomTime(random, Duration.ofDays(1));
        return store.find(q(null, AuditEventGenerator.node(random.nextInt(1000)), null, null, null, from, from.plus(Duration.ofDays(1))));
      });
      measure(kind, "user page 5", iterations, i -> () -> {
        AuditQuery query = base().withUserId(AuditEventGenerator.user(random.nextInt(500)));
        List<StoredRecord> page = store.find(query);
        for (int p = 1; p < 5 && page.size() > query.limit(); p++) {
          query = query.before(page.get(query.limit() - 1).sequence());
          page = store.find(query);
        }
        return page;
      });
      measure(kind, "summary node/hour 1d", Math.max(20, iterations / 4), i -> () -> {
        Instant from = randomTime(random, Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        return store.summarize(new SummaryQuery(SummaryQuery.GroupBy.NODE, SummaryQuery.Bucket.HOUR, from,
            from.plus(Duration.ofDays(1)), Set.of(), null));
      });
      measure(kind, "summary effect/hour 1d", Math.max(20, iterations / 4), i -> () -> {
        Instant from = randomTime(random, Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        return store.summarize(new SummaryQuery(SummaryQuery.GroupBy.EFFECT, SummaryQuery.Bucket.HOUR, from,
            from.plus(Duration.ofDays(1)), Set.of(), null));
      });
    }
  }

  private static AuditQuery base() {
    return AuditQuery.all(100);
  }

  private static AuditQuery q(String user, String node, String serial, String effect, String reason, Instant from, Instant to) {
    return new AuditQuery(Set.of(), user, node, serial, effect, reason, from, to, 100, null);
  }

  private static Instant randomTime(SplittableRandom random, Duration span) {
    long max = WINDOW.minus(span).toSeconds();
    return START.plusSeconds(random.nextLong(max));
  }

  private static void load(AuditStore store, AuditEventGenerator generator, int events) {
    EventCodec codec = new EventCodec();
    TrailWriter writer = new TrailWriter(store, java.time.Clock.systemUTC());
    int batch = 5000;
    for (int from = 0; from < events; from += batch) {
      List<CloudEvent<?>> chunk = new ArrayList<>(batch);
      for (int i = from; i < Math.min(events, from + batch); i++) {
        chunk.add(generator.event(i));
      }
      List<IncomingEvent> incoming = chunk.parallelStream().map(e -> IncomingEvent.of(codec, e, e.topic().name(), 0, null)).toList();
      writer.append(incoming);
    }
  }

  /** Fresh planner statistics after the bulk load, as autovacuum would gather on a live system. */
  private static void analyze(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
  }

  @FunctionalInterface
  interface Query {
    Object run() throws Exception;
  }

  private static void measure(String kind, String name, int iterations, IntFunction<Query> queries) throws Exception {
    for (int i = 0; i < 20; i++) {
      queries.apply(i).run();
    }
    double[] ms = new double[iterations];
    int rows = 0;
    for (int i = 0; i < iterations; i++) {
      Query query = queries.apply(i);
      long t = System.nanoTime();
      Object result = query.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
      rows += result instanceof List<?> list ? list.size() : 0;
    }
    Arrays.sort(ms);
    System.out.printf("RESULT query %-8s %-24s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  (n=%d, avg rows %d)%n", kind, name,
        pct(ms, 50), pct(ms, 95), pct(ms, 99), iterations, rows / iterations);
  }

  private static double pct(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
