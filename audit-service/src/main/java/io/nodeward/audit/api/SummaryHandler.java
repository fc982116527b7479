package io.nodeward.audit.api;

import io.nodeward.audit.domain.SummaryQuery;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/** GET /v1/audit/summary?groupBy=node|user|effect|reason|type&amp;bucket=hour|day&amp;from&amp;to: counts per bucket and group. */
final class SummaryHandler implements Handler<RoutingContext> {

  private final TrailQueries queries;
  private final Clock clock;

  SummaryHandler(TrailQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SummaryQuery query = Access.scope(CognitoAuthHandler.principal(ctx),
        Requests.parse(() -> SummaryQuery.parse(Requests.params(ctx), clock.instant())));
    queries.summarize(query).onSuccess(rows -> {
      JsonArray buckets = new JsonArray();
      rows.forEach(row -> buckets.add(RecordJson.summary(row)));
      Responses.json(ctx, 200, new JsonObject()
          .put("groupBy", query.groupBy().name().toLowerCase())
          .put("bucket", query.bucket().name().toLowerCase())
          .put("from", query.from().toString())
          .put("to", query.to().toString())
          .put("rows", buckets));
    }).onFailure(ctx::fail);
  }
}
