package io.nodeward.console.web;

import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.client.AuditClient;
import io.nodeward.console.client.IssuerClient;
import io.nodeward.console.domain.AuditFilter;
import io.nodeward.console.domain.AuditRecord;
import io.nodeward.console.domain.ChartData;
import io.nodeward.console.domain.Node;
import io.nodeward.console.domain.Page;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.domain.SummaryRow;
import io.nodeward.console.web.view.AccessView;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access history: the gateway's decisions on the user's requests ({@code GET /access}), with an allow/deny-per-hour
 * chart over the last day, and the live part ({@code GET /access/live}) the page polls every couple of seconds. The
 * poll carries the version it shows; when nothing changed the answer is 204 and the page stays as it is, so the
 * first DENY after a revocation appears without a reload and nothing flickers in between.
 */
final class AccessPage {

  static final String DECISIONS = "ACCESS_DECIDED";
  static final int PAGE_SIZE = 50;
  static final Duration CHART_RANGE = Duration.ofHours(24);

  private final Pages pages;
  private final IssuerClient issuer;
  private final AuditClient audit;
  private final Duration liveInterval;

  AccessPage(Pages pages, IssuerClient issuer, AuditClient audit, Duration liveInterval) {
    this.pages = pages;
    this.issuer = issuer;
    this.audit = audit;
    this.liveInterval = liveInterval;
  }

  /** The filters of this page, always narrowed to decisions; the audit API narrows node owners to their own. */
  private record Request(AuditFilter filter, List<String> errors, String cursor, Map<String, String> query) {
  }

  private static Request request(RoutingContext ctx) {
    AuditFilter.Parsed parsed = AuditFilter.parse(name -> Links.param(ctx, name));
    AuditFilter filter = parsed.filter().withType(DECISIONS).withUserId(null);
    Map<String, String> query = new LinkedHashMap<>(filter.formQuery());
    query.remove("type");
    return new Request(filter, parsed.errors(), Links.param(ctx, "cursor"), query);
  }

  void page(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    Request request = request(ctx);
    Future<List<Node>> nodes = issuer.allNodes(user.accessToken());
    Future<Live> live = live(user, request);
    Future.all(nodes, live).onSuccess(all -> {
      Page<AuditRecord> page = live.result().page();
      String next = null;
      if (page.hasMore()) {
        Map<String, String> q = new LinkedHashMap<>(request.query());
        q.put("cursor", page.nextCursor());
        next = Links.to("/access", q);
      }
      AuditFilter f = request.filter();
      pages.render(ctx, 200, "access.jte", new AccessView(pages.chrome(ctx, "Access history", "access").withCharts(),
          nodes.result().stream().map(Node::nodeId).toList(), f.nodeId(), f.effect(), f.reason(), f.serial(),
          f.from() == null ? null : AuditFilter.formTime(f.from()), f.to() == null ? null : AuditFilter.formTime(f.to()),
          request.errors(), live.result().view(request, request.cursor() == null), next,
          request.cursor() == null ? null : Links.to("/access", request.query())));
    }).onFailure(ctx::fail);
  }

  void live(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    Request request = request(ctx);
    live(user, request).onSuccess(live -> {
      if (live.version().equals(Links.param(ctx, "since"))) {
        ctx.response().setStatusCode(204).end(); // nothing new: htmx leaves the page as it is
        return;
      }
      pages.render(ctx, 200, "access-live.jte", live.view(request, true));
    }).onFailure(ctx::fail);
  }

  /** What the live part shows, and a version that changes when any of it does. */
  private record Live(Page<AuditRecord> page, ChartData chart, Instant now, String version, Duration every) {
    AccessView.Live view(Request request, boolean live) {
      String path = null;
      if (live) {
        Map<String, String> q = new LinkedHashMap<>(request.query());
        q.put("since", version);
        path = Links.to("/access/live", q);
      }
      return new AccessView.Live(path, every.toMillis() + "ms",
          Charts.view("decisions-chart", "Allowed and denied requests per hour, last 24 hours (UTC)", "requests", chart),
          page.items().stream().map(AuditRows::row).toList(), Relative.utc(now));
    }
  }

  private Future<Live> live(SignedInUser user, Request request) {
    Instant now = pages.clock().instant();
    Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    Instant from = to.minus(CHART_RANGE);
    Future<Page<AuditRecord>> page = audit.events(user.accessToken(), request.filter(), request.cursor(), PAGE_SIZE);
    Future<List<SummaryRow>> summary = audit.summary(user.accessToken(),
        new AuditClient.SummaryQuery("effect", "hour", from, to, DECISIONS));
    return Future.all(page, summary).map(all -> {
      ChartData chart = ChartData.of(summary.result(), from, to, Duration.ofHours(1), List.of("ALLOW", "DENY"), 3);
      long newest = page.result().items().isEmpty() ? 0 : page.result().items().get(0).sequence();
      return new Live(page.result(), chart, now, newest + "-" + chart.total(), liveInterval);
    });
  }
}
