package io.nodeward.audit.api;

import io.nodeward.audit.app.NotFoundException;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /v1/audit/events/{sequence}: one record (the stored CloudEvent, its leaf and chain hashes), as the list
 * shows it; the console's record page is built on it. Auditors and admins for any record; a node owner for their
 * own, anything else "not found" with the same answer as for a sequence that does not exist.
 */
final class EventHandler implements Handler<RoutingContext> {

  private final TrailQueries queries;

  EventHandler(TrailQueries queries) {
    this.queries = queries;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long sequence = sequence(ctx.pathParam("sequence"));
    if (sequence < 1) {
      Requests.fail(ctx, notFound());
      return;
    }
    // The newest record before sequence + 1 that the caller may see: the one asked for, or proof it is not theirs.
    AuditQuery query = Access.scope(CognitoAuthHandler.principal(ctx), AuditQuery.all(1).before(sequence + 1));
    queries.find(query).onSuccess(records -> {
      if (records.isEmpty() || records.get(0).sequence() != sequence) {
        Requests.fail(ctx, notFound());
        return;
      }
      Responses.json(ctx, 200, RecordJson.record(records.get(0)));
    }).onFailure(e -> Requests.fail(ctx, e));
  }

  /** The sequence in the path, or 0 when it is not one (no such record, rather than a malformed request). */
  private static long sequence(String raw) {
    try {
      long sequence = Long.parseLong(raw);
      return sequence < Long.MAX_VALUE ? sequence : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static NotFoundException notFound() {
    return new NotFoundException("RECORD_NOT_FOUND", "no such record in the log (or not one of yours)");
  }
}
