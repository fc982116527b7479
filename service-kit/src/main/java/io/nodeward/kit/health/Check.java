package io.nodeward.kit.health;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The outcome of one named readiness check: UP or DOWN with details safe to show anyone who can reach the
 * port (counts, ages, offsets — never secrets or record content).
 */
public record Check(boolean healthy, JsonObject details) {

  public Check {
    details = details == null ? new JsonObject() : details.copy();
  }

  public static Check up() {
    return new Check(true, null);
  }

  public static Check up(JsonObject details) {
    return new Check(true, details);
  }

  /** DOWN, with {@code reason} in the check's object: a sentence an operator can act on. */
  public static Check down(String reason) {
    return new Check(false, new JsonObject().put("reason", Objects.requireNonNull(reason, "reason")));
  }

  public static Check down(JsonObject details) {
    return new Check(false, details);
  }

  public static Check of(boolean healthy, JsonObject details) {
    return new Check(healthy, details);
  }

  /** {@code {"status":"UP|DOWN", ...details}}; a detail named "status" cannot override the verdict. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", healthy ? "UP" : "DOWN");
    details.forEach(e -> {
      if (!"status".equals(e.getKey())) {
        json.put(e.getKey(), e.getValue());
      }
    });
    return json;
  }
}
