package io.nodeward.audit.api;

import io.nodeward.audit.domain.InvalidQueryException;
import io.nodeward.kit.http.ProblemException;
import io.nodeward.kit.http.Problems;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Request decoding shared by the handlers: query string to a plain map, domain refusals to 400 problems. */
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
}
