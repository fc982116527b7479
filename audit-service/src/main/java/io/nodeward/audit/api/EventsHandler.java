package io.nodeward.audit.api;

import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.domain.StoredRecord;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** GET /v1/audit/events: filtered records, newest first, one keyset page at a time ({items, nextCursor}). */
final class EventsHandler implements Handler<RoutingContext> {

  private final TrailQueries queries;
  private final CursorCodec cursors;

  EventsHandler(TrailQueries queries, CursorCodec cursors) {
    this.queries = queries;
    this.cursors = cursors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    AuditQuery query = Access.scope(CognitoAuthHandler.principal(ctx),
        Requests.parse(() -> AuditQuery.parse(Requests.params(ctx), cursors)));
    queries.find(query)
        .onSuccess(records -> Responses.json(ctx, 200, page(query, records)))
        .onFailure(ctx::fail);
  }

  private JsonObject page(AuditQuery query, List<StoredRecord> records) {
    boolean more = records.size() > query.limit();
    List<StoredRecord> items = more ? records.subList(0, query.limit()) : records;
    JsonArray array = new JsonArray();
    items.forEach(r -> array.add(RecordJson.record(r)));
    String next = more ? cursors.encode(items.get(items.size() - 1).sequence()) : null;
    return new JsonObject().put("items", array).put("nextCursor", next);
  }
}
