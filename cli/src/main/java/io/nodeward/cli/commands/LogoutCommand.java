package io.nodeward.cli.commands;

import io.nodeward.cli.Settings;
import io.nodeward.cli.http.Json;
import picocli.CommandLine.Command;

@Command(name = "logout", mixinStandardHelpOptions = true,
    description = "Forget the session for this identity provider and app client (its tokens are deleted from the session file).")
public final class LogoutCommand extends BaseCommand {

  @Override
  protected void execute() {
    Settings settings = cli().settings();
    boolean had = cli().tokenStore().remove(settings.idpUrl().toString(), settings.clientId());
    output().result(Json.object().put("signedOut", had).put("idpUrl", settings.idpUrl().toString()),
        () -> output().line(had ? "Signed out of " + settings.idpUrl() + "." : "Was not signed in to " + settings.idpUrl() + "."));
  }
}
