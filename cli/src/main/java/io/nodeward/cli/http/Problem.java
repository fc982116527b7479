package io.nodeward.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodeward.cli.core.CliFailure;
import java.nio.charset.StandardCharsets;

/** Turns a refusal into a {@link CliFailure}: the RFC 9457 problem's code and detail when the server sent one. */
final class Problem {

  private Problem() {
  }

  static CliFailure from(String service, int status, String contentType, byte[] body) {
    String code = null;
    String message = null;
    if (contentType != null && contentType.contains("json") && body.length > 0 && body.length < 64 * 1024) {
      try {
        JsonNode json = Json.read(new String(body, StandardCharsets.UTF_8), false);
        code = Json.text(json, "code");
        message = Json.text(json, "detail");
        if (message == null) {
          message = Json.text(json, "title");
        }
      } catch (java.io.IOException | RuntimeException notJson) {
        // fall through to the status line
      }
    }
    if (code == null) {
      code = "HTTP_" + status;
    }
    if (message == null) {
      message = "The " + service + " answered HTTP " + status + ".";
    }
    return CliFailure.refused(status, code, message);
  }
}
