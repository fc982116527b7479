package io.nodeward.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Console URLs with their query strings, every value encoded. */
final class Links {

  private Links() {
  }

  static String to(String path, Map<String, String> query) {
    StringBuilder url = new StringBuilder(path);
    char sep = path.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        continue;
      }
      url.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return url.toString();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A value from the query string, trimmed; null when absent or blank. */
  static String param(io.vertx.ext.web.RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  static String form(io.vertx.ext.web.RoutingContext ctx, String name) {
    String value = ctx.request().getFormAttribute(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
