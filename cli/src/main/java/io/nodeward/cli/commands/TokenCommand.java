package io.nodeward.cli.commands;

import io.nodeward.cli.http.Json;
import picocli.CommandLine.Command;

@Command(name = "token", mixinStandardHelpOptions = true,
    description = {"Print your access token (refreshed if needed), for curl and other tools:",
        "  curl -H \"Authorization: Bearer $(nodeward token)\" ...",
        "This is the one command that prints a secret; only because you asked for it by name."})
public final class TokenCommand extends BaseCommand {

  @Override
  protected void execute() {
    String token = cli().session().token();
    output().result(Json.object().put("accessToken", token), () -> output().line(token));
  }
}
