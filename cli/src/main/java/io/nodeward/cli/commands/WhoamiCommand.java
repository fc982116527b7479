package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.auth.Jwt;
import io.nodeward.cli.auth.Session;
import io.nodeward.cli.auth.Tokens;
import io.nodeward.cli.http.Json;
import picocli.CommandLine.Command;

@Command(name = "whoami", mixinStandardHelpOptions = true,
    description = "Show who you are signed in as (refreshing the session if its access token expired).")
public final class WhoamiCommand extends BaseCommand {

  @Override
  protected void execute() {
    Session session = cli().session();
    session.token();
    Tokens tokens = session.stored();
    ObjectNode who = describe(tokens);
    output().result(who, () -> {
      output().line("user     " + tokens.username());
      output().line("user id  " + Json.text(who, "userId"));
      output().line("groups   " + (who.withArray("groups").isEmpty() ? "-" : join(who.withArray("groups"))));
      output().line("signed in to " + tokens.idpUrl() + " (client " + tokens.clientId() + ")");
      output().line("access token valid until " + tokens.accessTokenExpiresAt() + "; refreshed automatically");
    });
  }

  /** What a session says about its user, from the access token's claims (nothing secret). */
  static ObjectNode describe(Tokens tokens) {
    JsonNode claims = Jwt.claims(tokens.accessToken());
    ObjectNode who = Json.object()
        .put("username", tokens.username())
        .put("userId", Json.text(claims, "sub"))
        .put("idpUrl", tokens.idpUrl())
        .put("clientId", tokens.clientId())
        .put("accessTokenExpiresAt", tokens.accessTokenExpiresAt().toString());
    ArrayNode groups = who.putArray("groups");
    claims.path("cognito:groups").forEach(g -> groups.add(g.asText()));
    return who;
  }

  static String groups(ObjectNode who) {
    ArrayNode groups = who.withArray("groups");
    return groups.isEmpty() ? "" : " (" + join(groups) + ")";
  }

  private static String join(ArrayNode values) {
    StringBuilder out = new StringBuilder();
    values.forEach(v -> out.append(out.length() == 0 ? "" : ", ").append(v.asText()));
    return out.toString();
  }
}
