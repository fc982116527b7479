package io.nodeward.audit.api;

import io.nodeward.audit.app.NotFoundException;
import io.nodeward.audit.domain.InvalidQueryException;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.ProblemException;
import io.nodeward.kit.http.Problems;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Request decoding shared by the handlers, and the one place refusals become problems. */
final class Requests {

  private Requests() {
  }

  static Map<String, List<String>> params(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String name : params.names()) {
      map.put(name, params.getAll(name));
    }
    return map;
  }

  /** Parses with the domain's validation; a refusal becomes a 400 problem carrying the refusal's stable code. */
  static <T> T parse(Supplier<T> parser) {
    try {
      return parser.get();
    } catch (InvalidQueryException e) {
      throw badRequest(e);
    }
  }

  static ProblemException badRequest(InvalidQueryException e) {
    return Problems.badRequest(e.code(), e.detail());
  }

  /** A slot for the caller's export; when none is free, a 429 problem with Retry-After. */
  static ExportSlots.Slot exportSlot(RoutingContext ctx, ExportSlots slots, Principal caller) {
    try {
      return slots.acquire(caller.userId());
    } catch (ProblemException refused) {
      ctx.response().putHeader("Retry-After", Long.toString(slots.retryAfterSeconds()));
      throw refused;
    }
  }

  /** Fails the request with the problem a use case's refusal maps to (400, 404), anything else as it is. */
  static void fail(RoutingContext ctx, Throwable failure) {
    if (failure instanceof InvalidQueryException e) {
      ctx.fail(badRequest(e));
    } else if (failure instanceof NotFoundException e) {
      ctx.fail(Problems.notFound(e.code(), e.getMessage()));
    } else {
      ctx.fail(failure);
    }
  }
}
