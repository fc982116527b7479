package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nodeward.cli.http.Api;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import java.util.function.Supplier;

/** Walks a paginated list ({@code {<items>: [...], nextCursor}}) to its end, or until {@code max} items. */
final class Pages {

  private Pages() {
  }

  /** The server's own page size: a route that pages without {@code limit} and one that does not page both work. */
  static ArrayNode all(Api api, String path, Supplier<Query> filters, String itemsField, int max) {
    ArrayNode all = Json.array();
    String cursor = null;
    do {
      JsonNode page = api.get(path + filters.get().add("cursor", cursor));
      for (JsonNode item : page.path(itemsField)) {
        if (all.size() >= max) {
          return all;
        }
        all.add(item);
      }
      cursor = Json.text(page, "nextCursor");
    } while (cursor != null);
    return all;
  }
}
