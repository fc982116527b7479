package io.nodeward.cli;

import io.nodeward.cli.config.SettingsDefaults;
import io.nodeward.cli.output.OutputFormat;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code nodeward}: the command-line client of nodeward. The global options here apply to every command. */
@Command(name = "nodeward", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Certificates for your nodes with the key kept here, renewal, revocation, and the audit trail.",
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:refused by the server (its problem code is printed), or failed here",
        "2:usage error",
        "3:a server could not be reached",
        "4:verification failed (signature, proof, checkpoint or file)"},
    footerHeading = "%nSettings:%n",
    footer = "Every global option can also be set with NODEWARD_CLI_<OPTION> (e.g. NODEWARD_CLI_ISSUER_URL) or in the "
        + "settings file $XDG_CONFIG_HOME/nodeward/config (e.g. issuer-url = https://issuer.example.com); the command "
        + "line wins, then the variable, then the file. The defaults are the embedded stack's.")
public final class NodewardCli implements Runnable {

  @Option(names = "--issuer-url", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
      description = "Issuer API (default: ${DEFAULT-VALUE}).")
  String issuerUrl;

  @Option(names = "--issuer-mtls-url", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "https://127.0.0.1:8444",
      description = "Issuer's mutual-TLS listener for renewal (default: ${DEFAULT-VALUE}).")
  String issuerMtlsUrl;

  @Option(names = "--audit-url", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
      description = "Audit API (default: ${DEFAULT-VALUE}).")
  String auditUrl;

  @Option(names = "--idp-url", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "http://127.0.0.1:9229",
      description = "Cognito user-pool API, e.g. https://cognito-idp.<region>.amazonaws.com (default: ${DEFAULT-VALUE}).")
  String idpUrl;

  @Option(names = "--hosted-ui-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Cognito hosted UI (browser sign-in), e.g. https://<domain>.auth.<region>.amazoncognito.com "
          + "(default: the --idp-url).")
  String hostedUiUrl;

  @Option(names = "--client-id", scope = ScopeType.INHERIT, paramLabel = "ID", defaultValue = "nodeward-cli",
      description = "Cognito app client (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(names = "--gateway-url", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "https://127.0.0.1:8443",
      description = "mTLS gateway in front of the nodes (default: ${DEFAULT-VALUE}).")
  String gatewayUrl;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "OUTPUT", defaultValue = "table",
      description = "table (for people) or json (for scripts) (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Spec
  CommandSpec spec;

  private final Map<String, String> env;
  private final Clock clock;
  private Context context;

  public NodewardCli() {
    this(System.getenv(), Clock.systemUTC());
  }

  public NodewardCli(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  /** What the commands share in one run: settings, output, HTTP, the session. */
  public Context context() {
    if (context == null) {
      Settings settings = new Settings(
          Settings.url("issuer-url", issuerUrl, false),
          Settings.url("issuer-mtls-url", issuerMtlsUrl, true),
          Settings.url("audit-url", auditUrl, false),
          Settings.url("idp-url", idpUrl, false),
          Settings.url(hostedUiUrl == null ? "idp-url" : "hosted-ui-url", hostedUiUrl == null ? idpUrl : hostedUiUrl, false),
          clientId,
          Settings.url("gateway-url", gatewayUrl, true));
      CommandLine commandLine = spec.commandLine();
      context = new Context(settings, output == null ? OutputFormat.table : output, commandLine.getOut(),
          commandLine.getErr(), env, clock);
    }
    return context;
  }

  @Override
  public void run() {
    // no command given: show what there is, and say the command line was incomplete
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a command.");
  }

  public static CommandLine commandLine(NodewardCli cli, String[] args, PrintWriter out, PrintWriter err,
      Map<String, String> env) {
    CommandLine commandLine = new CommandLine(cli);
    CommandTree.register(commandLine, args);
    commandLine
        .setOut(out)
        .setErr(err)
        .setDefaultValueProvider(new SettingsDefaults(env))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpAutoWidth(true);
    Failures failures = new Failures(cli);
    commandLine.setExecutionExceptionHandler(failures);
    commandLine.setParameterExceptionHandler(failures);
    return commandLine;
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
    NodewardCli cli = new NodewardCli(env, clock);
    return commandLine(cli, args, out, err, env).execute(args);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(args, out, err, System.getenv(), Clock.systemUTC());
    out.flush();
    err.flush();
    System.exit(code);
  }
}
