package io.nodeward.console.web;

import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.client.ApiProblem;
import io.nodeward.console.client.AuditClient;
import io.nodeward.console.client.ExportStream;
import io.nodeward.console.domain.AuditFilter;
import io.nodeward.console.domain.AuditRecord;
import io.nodeward.console.domain.ChartData;
import io.nodeward.console.domain.ConsoleProblem;
import io.nodeward.console.domain.Integrity;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.AuditEventView;
import io.nodeward.console.web.view.AuditSearchView;
import io.nodeward.console.web.view.IntegrityView;
import io.nodeward.console.web.view.SummaryView;
import io.nodeward.events.DecisionReason;
import io.nodeward.events.EventType;
import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.RevocationReason;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The auditor's pages, for auditors and admins (the audit API itself refuses anyone else the whole trail): search
 * with every filter the API has, one record, the integrity panel, the streamed exports and the summary charts.
 */
final class AuditPages {

  static final int PAGE_SIZE = 50;
  static final List<String> TYPES = Arrays.stream(EventType.values()).map(EventType::name).toList();
  static final List<String> REASONS = List.copyOf(new TreeSet<>(Stream.of(
      Arrays.stream(DecisionReason.values()).map(Enum::name),
      Arrays.stream(IssuanceRefusal.values()).map(Enum::name),
      Arrays.stream(RevocationReason.values()).map(Enum::name)).flatMap(s -> s).toList()));
  static final List<SummaryView.Range> RANGES = List.of(
      new SummaryView.Range("24h", "Last 24 hours, per hour"),
      new SummaryView.Range("7d", "Last 7 days, per hour"),
      new SummaryView.Range("30d", "Last 30 days, per day"));

  private final Pages pages;
  private final AuditClient audit;
  private final ExportStream exports;

  AuditPages(Pages pages, AuditClient audit, ExportStream exports) {
    this.pages = pages;
    this.audit = audit;
    this.exports = exports;
  }

  private static SignedInUser auditor(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    if (!user.isAuditor()) {
      throw ConsoleProblem.forbidden("AUDITOR_ONLY",
          "The audit pages are for auditors and admins. Your own requests are under Access history.");
    }
    return user;
  }

  void search(RoutingContext ctx) {
    SignedInUser user = auditor(ctx);
    AuditFilter.Parsed parsed = AuditFilter.parse(name -> Links.param(ctx, name));
    AuditFilter filter = parsed.filter();
    String cursor = Links.param(ctx, "cursor");
    audit.events(user.accessToken(), filter, cursor, PAGE_SIZE)
        .onSuccess(page -> render(ctx, filter, parsed.errors(), page.items(), page.nextCursor(), cursor))
        .onFailure(e -> {
          if (e instanceof ApiProblem problem && problem.status() == 400) {
            // A filter the API refused: the form stays, with the API's sentence.
            render(ctx, filter, List.of(problem.sentence() + " (" + problem.code() + ")"), List.of(), null, cursor);
          } else {
            ctx.fail(e);
          }
        });
  }

  private void render(RoutingContext ctx, AuditFilter filter, List<String> errors, List<AuditRecord> records, String nextCursor,
      String cursor) {
    Map<String, String> query = filter.formQuery();
    String next = null;
    if (nextCursor != null) {
      Map<String, String> q = new LinkedHashMap<>(query);
      q.put("cursor", nextCursor);
      next = Links.to("/audit", q);
    }
    Map<String, String> csv = new LinkedHashMap<>(query);
    csv.put("format", "csv");
    Map<String, String> ndjson = new LinkedHashMap<>(query);
    ndjson.put("format", "ndjson");
    AuditSearchView.Filters filters = new AuditSearchView.Filters(filter.type(), filter.userId(), filter.nodeId(),
        filter.serial(), filter.effect(), filter.reason(), query.get("from"), query.get("to"));
    pages.render(ctx, errors.isEmpty() ? 200 : 400, "audit.jte", new AuditSearchView(pages.chrome(ctx, "Audit trail", "audit"),
        filters, TYPES, REASONS, errors, records.stream().map(AuditRows::row).toList(), next,
        cursor == null ? null : Links.to("/audit", query), Links.to("/audit/export", csv), Links.to("/audit/export", ndjson)));
  }

  void event(RoutingContext ctx) {
    SignedInUser user = auditor(ctx);
    long sequence;
    try {
      sequence = Long.parseLong(ctx.pathParam("sequence"));
    } catch (NumberFormatException e) {
      throw ConsoleProblem.notFound();
    }
    audit.event(user.accessToken(), sequence).onSuccess(r -> {
      List<AuditEventView.Fact> hashes = new ArrayList<>();
      addIfSet(hashes, "Leaf index", r.leafIndex() == null ? null : r.leafIndex().toString());
      addIfSet(hashes, "Leaf hash", r.leafHash());
      addIfSet(hashes, "Previous hash", r.prevHash());
      addIfSet(hashes, "Hash", r.hash());
      pages.render(ctx, 200, "audit-event.jte", new AuditEventView(pages.chrome(ctx, "Record " + sequence, "audit"),
          AuditRows.row(r), r.eventId(), r.source(), r.subject(), hashes, r.eventJson(),
          "/audit/events/" + (sequence + 1), sequence > 1 ? "/audit/events/" + (sequence - 1) : null));
    }).onFailure(ctx::fail);
  }

  /** The page: head and checkpoint at once; the verdict follows (htmx), or inline on {@code /audit/integrity/verdict}. */
  void integrity(RoutingContext ctx) {
    integrityPage(ctx, auditor(ctx), false);
  }

  void verdict(RoutingContext ctx) {
    SignedInUser user = auditor(ctx);
    if ("true".equals(ctx.request().getHeader("HX-Request"))) {
      audit.verify(user.accessToken()).onSuccess(i -> pages.render(ctx, 200, "integrity-verdict.jte", verdict(i)))
          .onFailure(ctx::fail);
    } else {
      integrityPage(ctx, user, true);
    }
  }

  private void integrityPage(RoutingContext ctx, SignedInUser user, boolean withVerdict) {
    Future<io.nodeward.console.domain.Page<AuditRecord>> head = audit.events(user.accessToken(), AuditFilter.none(), null, 1);
    Future<java.util.Optional<String>> checkpoint = audit.checkpoint(user.accessToken());
    Future<Integrity> verdict = withVerdict ? audit.verify(user.accessToken()) : Future.succeededFuture(null);
    Future.all(head, checkpoint, verdict).onSuccess(all -> {
      AuditRecord newest = head.result().items().isEmpty() ? null : head.result().items().get(0);
      pages.render(ctx, 200, "integrity.jte", new IntegrityView(pages.chrome(ctx, "Integrity", "audit"),
          newest == null ? 0 : newest.sequence(), newest == null ? null : Relative.utc(newest.time()),
          checkpoint.result().orElse(null), verdict.result() == null ? null : verdict(verdict.result())));
    }).onFailure(ctx::fail);
  }

  private IntegrityView.Verdict verdict(Integrity i) {
    String problem = i.firstProblem() == null ? null : "Record " + i.firstProblem().sequence() + " fails the check ("
        + i.firstProblem().kind() + "): " + i.firstProblem().detail();
    String published = i.publishedCheckpointSize() == null ? null : "size " + i.publishedCheckpointSize()
        + (Boolean.TRUE.equals(i.publishedCheckpointConsistent()) ? ", consistent with the stored log" : ", NOT consistent");
    return new IntegrityView.Verdict(i.intact(), i.size(), i.root(), i.recordsChecked(), i.checkpointsChecked(), problem,
        published, Relative.utc(pages.clock().instant()));
  }

  void export(RoutingContext ctx) {
    SignedInUser user = auditor(ctx);
    AuditFilter.Parsed parsed = AuditFilter.parse(name -> Links.param(ctx, name));
    if (!parsed.errors().isEmpty()) {
      throw ConsoleProblem.badRequest("INVALID_FILTER", String.join(" ", parsed.errors()));
    }
    String format = "ndjson".equals(Links.param(ctx, "format")) ? "ndjson" : "csv";
    Map<String, String> query = new LinkedHashMap<>(parsed.filter().apiQuery());
    query.put("format", format);
    exports.pipe(user.accessToken(), query, ctx.response(), () -> ctx.response()
            .setChunked(true)
            .putHeader("Content-Type", "csv".equals(format) ? "text/csv; charset=utf-8" : "application/x-ndjson")
            .putHeader("Content-Disposition", "attachment; filename=\"nodeward-audit." + format + "\""))
        .onFailure(e -> {
          if (!ctx.response().headWritten()) {
            ctx.fail(e);
          }
        });
  }

  void summary(RoutingContext ctx) {
    SignedInUser user = auditor(ctx);
    String range = RANGES.stream().map(SummaryView.Range::value).filter(v -> v.equals(Links.param(ctx, "range"))).findFirst()
        .orElse("24h");
    String type = TYPES.contains(Links.param(ctx, "type")) ? Links.param(ctx, "type") : null;
    boolean daily = "30d".equals(range);
    Duration width = daily ? Duration.ofDays(1) : Duration.ofHours(1);
    Instant now = pages.clock().instant();
    Instant to = (daily ? now.truncatedTo(ChronoUnit.DAYS) : now.truncatedTo(ChronoUnit.HOURS)).plus(width);
    Instant from = to.minus("24h".equals(range) ? Duration.ofHours(24) : "7d".equals(range) ? Duration.ofDays(7) : Duration.ofDays(30));
    List<String> groups = List.of("node", "user", "effect", "reason");
    List<String> titles = List.of("Events per node", "Events per user", "Access decisions by effect", "Events by reason");
    List<Future<ChartData>> charts = new ArrayList<>();
    for (String group : groups) {
      // Effects belong to access decisions only: other events would all count as "(none)".
      String types = "effect".equals(group) && type == null ? "ACCESS_DECIDED" : type;
      charts.add(audit.summary(user.accessToken(), new AuditClient.SummaryQuery(group, daily ? "day" : "hour", from, to, types))
          .map(rows -> ChartData.of(rows, from, to, width, List.of(), 6)));
    }
    Future.all(charts).onSuccess(all -> {
      List<io.nodeward.console.web.view.ChartView> views = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        views.add(Charts.view("chart-" + groups.get(i), titles.get(i), "events", charts.get(i).result()));
      }
      pages.render(ctx, 200, "summary.jte", new SummaryView(pages.chrome(ctx, "Audit summary", "audit").withCharts(), range,
          RANGES, type, TYPES, views));
    }).onFailure(ctx::fail);
  }

  private static void addIfSet(List<AuditEventView.Fact> facts, String label, String value) {
    if (value != null) {
      facts.add(new AuditEventView.Fact(label, value));
    }
  }
}
