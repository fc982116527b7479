package io.nodeward.stack.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nodeward.stack.StackHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observability of a running stack (issue 15.4): the Grafana dashboard in compose/grafana/ asks only for metrics the
 * stack exports (every metric name in every panel's PromQL is a sample name in some service's {@code GET /metrics}),
 * Prometheus (compose/prometheus.yml) scrapes each nodeward service of the compose file at the port it listens on,
 * and every service answers {@code /health/live} and {@code /health/ready} in one shape and echoes request ids.
 */
class ObservabilityTest {

  static final Path DASHBOARD = ComposeFile.REPO.resolve("compose/grafana/dashboards/nodeward.json");
  static final Path PROMETHEUS = ComposeFile.REPO.resolve("compose/prometheus.yml");

  /** PromQL words that are neither metrics nor functions. */
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "offset", "bool", "and", "or", "unless", "inf", "nan");
  private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern STRINGS = Pattern.compile("\"[^\"]*\"");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @TempDir
  static Path dataDir;
  static StackHarness harness;

  @BeforeAll
  static void start() {
    harness = StackHarness.start(dataDir);
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  /** The metric names PromQL {@code expr} reads: identifiers that are not functions, keywords or labels. */
  static Set<String> metricNames(String expr) {
    String bare = STRINGS.matcher(expr).replaceAll("\"\"");
    bare = LABEL_MATCHERS.matcher(bare).replaceAll("");
    bare = GROUPING.matcher(bare).replaceAll("");
    bare = RANGES.matcher(bare).replaceAll("");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group();
      String rest = bare.substring(m.end()).stripLeading();
      boolean function = rest.startsWith("(");
      boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
      if (!function && !number && !KEYWORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }

  @Test
  void thePromqlParserFindsMetricsAndNothingElse() {
    assertEquals(Set.of("nodeward_console_request_seconds_bucket"), metricNames(
        "histogram_quantile(0.95, sum by (le, route) (rate(nodeward_console_request_seconds_bucket{job=\"console\"}[5m])))"));
    assertEquals(Set.of("a_total", "b"), metricNames("sum without (x) (rate(a_total[1m])) / on (y) group_left (z) b offset 5m"));
  }

  /** The panel queries, as panel title to expressions (rows' nested panels included). */
  static Map<String, List<String>> panelQueries() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    Map<String, List<String>> queries = new TreeMap<>();
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(panel -> {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    });
    for (JsonNode panel : panels) {
      List<String> exprs = new ArrayList<>();
      panel.path("targets").forEach(target -> exprs.add(target.path("expr").asText()));
      if (!exprs.isEmpty()) {
        queries.put(panel.path("title").asText(), exprs);
      }
    }
    return queries;
  }

  /** Every sample name the running stack's services export on GET /metrics. */
  static Set<String> exported() throws Exception {
    List<String> urls = services().values().stream().map(base -> base + "/metrics").toList();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // The console's request timer exists once it has served a request.
    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.stack.console().port() + "/health/live"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
    Set<String> names = new TreeSet<>();
    for (String url : urls) {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != 200) {
        continue; // a service without /metrics yet exports nothing, so no panel may ask it for anything
      }
      reply.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
          .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    }
    return names;
  }

  @Test
  void everyMetricADashboardPanelQueriesIsExportedByARunningStack() throws Exception {
    Map<String, List<String>> queries = panelQueries();
    assertTrue(queries.size() >= 6, "the dashboard has its panels: " + queries.keySet());
    Set<String> exported = exported();
    assertTrue(exported.contains("nodeward_authorizer_decisions_total"), "scraped the services: " + exported.size());
    Map<String, Set<String>> missing = new TreeMap<>();
    queries.forEach((title, exprs) -> {
      for (String expr : exprs) {
        Set<String> names = metricNames(expr);
        assertFalse(names.isEmpty(), title + ": no metric in " + expr);
        names.stream().filter(name -> !exported.contains(name))
            .forEach(name -> missing.computeIfAbsent(title, t -> new TreeSet<>()).add(name));
      }
    });
    assertEquals(Map.of(), missing, "panels query metrics no service exports");
  }

  /** Base URLs of the stack's HTTP services, by service name. */
  static Map<String, String> services() {
    return Map.of(
        "issuer", "http://127.0.0.1:" + harness.stack.issuer().port(),
        "audit", "http://127.0.0.1:" + harness.stack.audit().port(),
        "authorizer", "http://127.0.0.1:" + harness.stack.authorizer().adminPort(),
        "console", "http://127.0.0.1:" + harness.stack.console().port(),
        "dev-identity", harness.stack.identity().baseUrl());
  }

  @Test
  void everyServiceAnswersLivenessAndReadinessInOneShapeAndEchoesRequestIds() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    for (Map.Entry<String, String> service : services().entrySet()) {
      for (String path : List.of("/health/live", "/health/ready")) {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(service.getValue() + path))
            .header("X-Request-Id", "obs-" + service.getKey()).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        String what = service.getKey() + path + ": " + reply.body();
        JsonNode body = new ObjectMapper().readTree(reply.body());
        String status = body.path("status").asText();
        assertTrue(status.equals("UP") || path.endsWith("ready") && status.equals("DOWN"), what);
        assertEquals(status.equals("UP") ? 200 : 503, reply.statusCode(), what);
        assertFalse(body.path("service").asText().isEmpty(), what);
        if (path.endsWith("ready")) {
          assertTrue(body.path("checks").isObject(), what);
        }
        assertEquals("obs-" + service.getKey(), reply.headers().firstValue("X-Request-Id").orElse(null), what);
      }
      HttpResponse<String> fresh = http.send(HttpRequest.newBuilder(URI.create(service.getValue() + "/health/live"))
          .header("X-Request-Id", "not well formed").timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(fresh.headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f]{32}"), service.getKey());
    }
  }

  @Test
  void everyPanelUsesTheProvisionedPrometheus() throws Exception {
    JsonNode datasource = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(
        ComposeFile.REPO.resolve("compose/grafana/provisioning/datasources/prometheus.yml"))).path("datasources").get(0);
    String uid = datasource.path("uid").asText();
    assertEquals("http://prometheus:9090", datasource.path("url").asText());
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    dashboard.path("panels").forEach(panel -> assertEquals(uid, panel.path("datasource").path("uid").asText(),
        panel.path("title").asText()));
  }

  @Test
  void prometheusScrapesEveryNodewardServiceOfTheComposeFile() throws Exception {
    ComposeFile compose = ComposeFile.read();
    JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(PROMETHEUS));
    Map<String, String> targets = new TreeMap<>();
    config.path("scrape_configs").forEach(job -> job.path("static_configs").forEach(sc -> sc.path("targets")
        .forEach(t -> targets.put(job.path("job_name").asText(), t.asText()))));
    assertEquals(Set.of("issuer", "authorizer", "audit", "console", "dev-identity"), targets.keySet());
    targets.forEach((job, target) -> {
      String[] hostPort = target.split(":");
      assertEquals(job, hostPort[0], "the job scrapes the service of its name");
      assertTrue(compose.services().has(hostPort[0]), target);
      String port = hostPort[1];
      boolean published = false;
      for (JsonNode mapping : compose.service(job).path("ports")) {
        published |= mapping.asText().endsWith(":" + port);
      }
      assertTrue(published, job + " listens on " + port + " (its published container port)");
    });
  }
}
