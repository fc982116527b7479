package io.nodeward.bench.console;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server time per console page with a large inventory and trail behind it (issue 9: p95 &lt; 50 ms with 10,000
 * certificates and 1,000,000 audit events). Three steps, run by {@code bench/scripts/console-pages.sh} against the
 * real stack jar:
 *
 * <pre>
 * data   &lt;issuerUrl&gt; &lt;idpUrl&gt; &lt;upstreamUrl&gt; &lt;aliceNodes&gt; &lt;certificates&gt;   (stack running)
 * trail  &lt;dataDir&gt; &lt;events&gt; &lt;aliceSub&gt; &lt;aliceNodes&gt;                        (stack stopped)
 * pages  &lt;consoleUrl&gt; [iterations=200] [secondsPerPage=40]                      (stack running again)
 * </pre>
 *
 * <p>{@code pages} signs alice, the auditor and the admin in through the hosted UI as a browser does, then asks each
 * page in turn, single-threaded on one kept-alive connection, after 20 warm-up requests: the console's own
 * {@code Server-Timing} (arrival to response headers, API calls included) gives p50/p95/p99; the wall time seen here
 * is printed beside it. A page that is still slow after {@code secondsPerPage} stops early (at least 5 samples).
 * A page answered with anything but 200 (or 204 for a live poll with nothing new) counts as failed.
 */
public final class ConsolePageBenchmark {

  private static final Pattern CERTIFICATE_LINK = Pattern.compile("href=\"/certificates/([0-9a-f]+)\"");
  private static final Pattern RECORD_LINK = Pattern.compile("href=\"/audit/events/([0-9]+)\"");
  private static final double TARGET_P95_MS = 50;

  private ConsolePageBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    switch (args.length > 0 ? args[0] : "") {
      case "data" -> {
        ApiSession admin = ApiSession.signIn(args[2], "admin", "admin-dev-password");
        ApiSession alice = ApiSession.signIn(args[2], "alice", "alice-dev-password");
        ConsoleBenchData.certificates(args[1], admin, alice, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        System.out.println("ALICE_SUB=" + alice.sub);
      }
      case "trail" -> ConsoleBenchData.trail(Path.of(args[1]), Integer.parseInt(args[2]), args[3],
          ConsoleBenchData.aliceNodes(Integer.parseInt(args[4])));
      case "pages" -> pages(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 200,
          args.length > 3 ? Integer.parseInt(args[3]) : 40);
      default -> {
        System.err.println("usage: ConsolePageBenchmark data|trail|pages ... (see the class comment)");
        System.exit(2);
      }
    }
  }

  private static void pages(String consoleUrl, int iterations, int secondsPerPage) throws Exception {
    ConsoleSession alice = ConsoleSession.signIn(consoleUrl, "alice", "alice-dev-password");
    ConsoleSession auditor = ConsoleSession.signIn(consoleUrl, "auditor", "auditor-dev-password");
    ConsoleSession admin = ConsoleSession.signIn(consoleUrl, "admin", "admin-dev-password");
    SplittableRandom random = new SplittableRandom(3);
    Runner run = new Runner(iterations, secondsPerPage);

    String first = alice.get("/certificates", false).body();
    List<String> serials = all(CERTIFICATE_LINK, first);
    List<String> cursorPages = nextPages(alice, "/certificates", 20);
    List<String> auditPages = nextPages(auditor, "/audit", 5);
    List<String> sequences = all(RECORD_LINK, auditor.get("/audit", false).body());
    long newest = Long.parseLong(sequences.get(0));
    Instant now = Instant.now();

    run.page("alice", "nodes", alice, i -> "/nodes", false);
    run.page("alice", "certificates (first page of 25)", alice, i -> "/certificates", false);
    run.page("alice", "certificates, node + revoked", alice,
        i -> "/certificates?nodeId=" + ConsoleBenchData.aliceNodes(10).get(i % 10) + "&status=revoked", false);
    run.page("alice", "certificates, active", alice, i -> "/certificates?status=active", false);
    // with few certificates (a smoke run) there may be only one page: then "page 2" is the last one there is
    run.page("alice", "certificates, page 2 (cursor)", alice, i -> cursorPages.get(Math.min(1, cursorPages.size() - 1)), false);
    run.page("alice", "certificates, page 20 (cursor)", alice, i -> cursorPages.get(cursorPages.size() - 1), false);
    run.page("alice", "certificate detail", alice, i -> "/certificates/" + serials.get(i % serials.size()), false);
    run.page("alice", "access history + chart", alice, i -> "/access", false);
    run.page("alice", "access history, denies", alice, i -> "/access?effect=DENY", false);
    run.page("alice", "access history live poll", alice, i -> "/access/live", true);
    run.page("alice", "account", alice, i -> "/account", false);

    run.page("auditor", "audit search, no filter", auditor, i -> "/audit", false);
    run.page("auditor", "audit search, nodeId", auditor, i -> "/audit?nodeId=node-" + (1 + random.nextInt(999)), false);
    run.page("auditor", "audit search, effect+reason", auditor, i -> "/audit?effect=DENY&reason=REVOKED", false);
    run.page("auditor", "audit search, type revoked", auditor, i -> "/audit?type=CERTIFICATE_REVOKED", false);
    run.page("auditor", "audit search, one hour", auditor, i -> {
      Instant from = now.minus(1 + random.nextInt(29 * 24), ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
      return "/audit?from=" + formTime(from) + "&to=" + formTime(from.plus(1, ChronoUnit.HOURS));
    }, false);
    run.page("auditor", "audit search, page 5 (cursor)", auditor, i -> auditPages.get(auditPages.size() - 1), false);
    run.page("auditor", "audit record", auditor, i -> "/audit/events/" + (1 + random.nextLong(newest)), false);
    run.page("auditor", "integrity panel", auditor, i -> "/audit/integrity", false);
    run.page("auditor", "summary, 24 h", auditor, i -> "/audit/summary", false);
    run.page("auditor", "summary, 7 d", auditor, i -> "/audit/summary?range=7d", false);
    run.page("auditor", "summary, 30 d", auditor, i -> "/audit/summary?range=30d", false);
    run.page("auditor", "integrity verdict (full verify)", auditor, i -> "/audit/integrity/verdict", true);

    run.page("admin", "admin: nodes", admin, i -> "/admin/nodes", false);
    run.page("admin", "admin: every certificate", admin, i -> "/certificates", false);
    System.out.printf(Locale.ROOT, "RESULT %d of %d pages meet p95 < %.0f ms%n", run.met, run.pages, TARGET_P95_MS);
  }

  /** The paths of the first {@code count} pages of a list, following its "next" links as a person would. */
  private static List<String> nextPages(ConsoleSession session, String path, int count) throws Exception {
    Pattern next = Pattern.compile("href=\"(" + Pattern.quote(path) + "\\?[^\"]*cursor=[^\"]*)\"[^>]*>\\s*(?:Next|Older)");
    List<String> pages = new ArrayList<>(List.of(path));
    while (pages.size() < count) {
      Matcher m = next.matcher(session.get(pages.get(pages.size() - 1), false).body());
      if (!m.find()) {
        break;
      }
      pages.add(ConsoleSession.unescape(m.group(1)));
    }
    return pages;
  }

  private static List<String> all(Pattern pattern, String html) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    if (found.isEmpty()) {
      throw new IllegalStateException("no " + pattern + " in the page");
    }
    return found;
  }

  private static String formTime(Instant t) {
    return t.toString().substring(0, 16);
  }

  /** Times one page after another and prints a line for each. */
  private static final class Runner {
    final int iterations;
    final long budgetNanos;
    int pages;
    int met;

    Runner(int iterations, int secondsPerPage) {
      this.iterations = iterations;
      this.budgetNanos = secondsPerPage * 1_000_000_000L;
    }

    void page(String who, String name, ConsoleSession session, IntFunction<String> path, boolean htmx) throws Exception {
      long started = System.nanoTime();
      for (int i = 0; i < 20 && System.nanoTime() - started < budgetNanos / 4; i++) {
        session.get(path.apply(i), htmx);
      }
      double[] server = new double[iterations];
      double[] wall = new double[iterations];
      int n = 0;
      int bad = 0;
      long measuring = System.nanoTime();
      for (; n < iterations && (n < 5 || System.nanoTime() - measuring < budgetNanos); n++) {
        ConsoleSession.Answer answer = session.get(path.apply(n), htmx);
        if (answer.status() != 200 && answer.status() != 204) {
          bad++;
        }
        server[n] = answer.serverMillis();
        wall[n] = answer.wallMillis();
      }
      server = Arrays.copyOf(server, n);
      wall = Arrays.copyOf(wall, n);
      Arrays.sort(server);
      Arrays.sort(wall);
      double p95 = pct(server, 95);
      pages++;
      if (p95 < TARGET_P95_MS && bad == 0) {
        met++;
      }
      System.out.printf(Locale.ROOT, "RESULT %-8s %-34s server p50 %7.1f  p95 %7.1f  p99 %7.1f ms | wall p50 %7.1f ms | n=%d%s  %s%n",
          who, name, pct(server, 50), p95, pct(server, 99), pct(wall, 50), n, bad == 0 ? "" : " NOT-200=" + bad,
          bad > 0 ? "FAILED" : p95 < TARGET_P95_MS ? "met" : "MISSED");
    }
  }

  private static double pct(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
