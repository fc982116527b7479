package io.nodeward.kit.http;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem: a stable machine-readable {@code code}, the HTTP status, a short title and a
 * detail safe to show the caller (never a stack trace, a key or a token).
 */
public record Problem(int status, String code, String title, String detail) {

  public static final String MEDIA_TYPE = "application/problem+json";
  /** RFC 9457 §4.2: a type URI per code, resolvable to documentation later. */
  public static final String TYPE_BASE = "https://nodeward.io/problems/";

  public Problem {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
    }
  }

  public JsonObject toJson(String instance) {
    JsonObject json = new JsonObject()
        .put("type", TYPE_BASE + code.toLowerCase().replace('_', '-'))
        .put("title", title)
        .put("status", status)
        .put("code", code);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (instance != null) {
      json.put("instance", instance);
    }
    return json;
  }
}
