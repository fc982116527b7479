package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.Context;
import io.nodeward.cli.auth.LoopbackLogin;
import io.nodeward.cli.auth.LoopbackRedirect;
import io.nodeward.cli.auth.Tokens;
import io.nodeward.cli.core.CliFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Sign in. Without options: in a browser through the hosted UI (authorization code with PKCE, "
        + "redirected to a port on 127.0.0.1 this command listens on).",
        "With --username and --password-stdin: USER_PASSWORD_AUTH, for scripts and CI.",
        "The session is kept in $XDG_CONFIG_HOME/nodeward/session.json (mode 600) and refreshed with its refresh token."})
public final class LoginCommand extends BaseCommand {

  @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Sign in with a password instead of a browser.")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from standard input (with --username).")
  boolean passwordStdin;

  @Option(names = "--no-browser", description = "Only print the sign-in address; do not try to open a browser.")
  boolean noBrowser;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
      description = "Loopback port to receive the sign-in on (default: any free port).")
  int port;

  @Option(names = "--redirect-uri", paramLabel = "URI",
      description = {"The exact loopback redirect the app client has registered, e.g. http://localhost:8765/callback "
          + "for Amazon Cognito, which matches the port exactly and allows plain http only for localhost "
          + "(also NODEWARD_CLI_REDIRECT_URI or the settings file). Default: http://127.0.0.1:<--port>/callback."})
  String redirectUri;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long to wait for the browser sign-in (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  protected void execute() {
    Context cli = cli();
    if (passwordStdin && username == null) {
      throw CliFailure.usage("USAGE", "--password-stdin needs --username.");
    }
    Tokens tokens;
    if (username != null) {
      char[] password = password();
      try {
        tokens = cli.cognito().withPassword(username, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    } else {
      tokens = new LoopbackLogin(cli.cognito(), cli.settings().clientId(), output().err(), timeout, !noBrowser, redirect())
          .run();
    }
    cli.tokenStore().save(tokens);
    ObjectNode who = WhoamiCommand.describe(tokens);
    who.put("sessionFile", cli.tokenStore().file().toString());
    output().result(who, () -> output().line("Signed in to " + tokens.idpUrl() + " as " + tokens.username()
        + WhoamiCommand.groups(who) + "."));
  }

  private LoopbackRedirect redirect() {
    if (redirectUri == null || redirectUri.isBlank()) {
      return LoopbackRedirect.onPort(port);
    }
    if (port != 0) {
      throw CliFailure.usage("USAGE", "Give either --port or --redirect-uri (which names its port), not both.");
    }
    return LoopbackRedirect.parse(redirectUri);
  }

  private char[] password() {
    if (passwordStdin) {
      return readStdin();
    }
    java.io.Console console = System.console();
    if (console == null) {
      throw CliFailure.usage("USAGE", "No terminal to ask for the password on; pass it with --password-stdin.");
    }
    char[] password = console.readPassword("Password for %s: ", username);
    if (password == null || password.length == 0) {
      throw CliFailure.usage("USAGE", "No password given.");
    }
    return password;
  }

  /** The first line of stdin (what `echo "$PW" | nodeward login ...` sends), without its line ending. */
  private static char[] readStdin() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      InputStream in = System.in;
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        bytes.write(b);
      }
    } catch (IOException e) {
      throw CliFailure.failed("CANNOT_READ_PASSWORD", "Cannot read the password from standard input.");
    }
    byte[] raw = bytes.toByteArray();
    int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, length));
    Arrays.fill(raw, (byte) 0);
    char[] password = new char[chars.remaining()];
    chars.get(password);
    if (password.length == 0) {
      throw CliFailure.usage("USAGE", "Standard input held no password.");
    }
    return password;
  }
}
