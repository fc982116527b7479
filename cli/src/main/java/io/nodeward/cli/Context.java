package io.nodeward.cli;

import io.nodeward.cli.auth.CognitoClient;
import io.nodeward.cli.auth.Session;
import io.nodeward.cli.auth.TokenStore;
import io.nodeward.cli.config.Xdg;
import io.nodeward.cli.http.Api;
import io.nodeward.cli.http.Http;
import io.nodeward.cli.output.Output;
import io.nodeward.cli.output.OutputFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What the commands of one run share, each part made on first use so that a command pays only for what it uses. */
public final class Context {

  private final Settings settings;
  private final Output output;
  private final Map<String, String> env;
  private final Clock clock;
  private Http http;
  private Session session;

  Context(Settings settings, OutputFormat format, PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
    this.settings = settings;
    this.output = new Output(format, out, err);
    this.env = env;
    this.clock = clock;
  }

  public Settings settings() {
    return settings;
  }

  public Output output() {
    return output;
  }

  public Clock clock() {
    return clock;
  }

  public Map<String, String> env() {
    return env;
  }

  public String userAgent() {
    return "nodeward-cli/" + Version.number();
  }

  public Http http() {
    if (http == null) {
      http = Http.plain(userAgent());
    }
    return http;
  }

  public Path configDir() {
    return Xdg.configDir(env);
  }

  public Path stateDir() {
    return Xdg.stateDir(env);
  }

  public TokenStore tokenStore() {
    return new TokenStore(configDir());
  }

  public CognitoClient cognito() {
    return new CognitoClient(http(), settings.idpUrl(), settings.hostedUiUrl(), settings.clientId(), clock);
  }

  public Session session() {
    if (session == null) {
      session = new Session(tokenStore(), cognito(), settings.idpUrl().toString(), settings.clientId(), clock);
    }
    return session;
  }

  /** The issuer's API as the signed-in user. */
  public Api issuer() {
    return new Api(http(), settings.issuerUrl(), "issuer", session());
  }

  /** The issuer's public routes (CA chain, CRL): no session needed. */
  public Api publicIssuer() {
    return new Api(http(), settings.issuerUrl(), "issuer", null);
  }

  public Api audit() {
    return new Api(http(), settings.auditUrl(), "audit service", session());
  }
}
