package io.nodeward.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodeward.cli.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the claims of a token the identity provider just gave us, for display and expiry only. The client never
 * trusts them for a decision: the services verify every token themselves.
 */
public final class Jwt {

  private Jwt() {
  }

  public static JsonNode claims(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 3) {
      throw io.nodeward.cli.core.CliFailure.failed("MALFORMED_TOKEN", "The identity provider returned a token that is not a JWT.");
    }
    try {
      return Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), "The token's claims");
    } catch (IllegalArgumentException e) {
      throw io.nodeward.cli.core.CliFailure.failed("MALFORMED_TOKEN", "The identity provider returned a token that is not a JWT.");
    }
  }
}
