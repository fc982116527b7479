package io.nodeward.cli.commands;

import io.nodeward.cli.core.SafeFiles;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ca", mixinStandardHelpOptions = true,
    description = "Fetch the CA chain (PEM) that node certificates and the gateway's certificate chain to.")
public final class CertCaCommand extends BaseCommand {

  @Option(names = "--out", paramLabel = "FILE", description = "Write it here (default: print it).")
  Path out;

  @Override
  protected void execute() {
    String pem = cli().publicIssuer().text("/v1/ca", "application/x-pem-file, text/plain, */*");
    Pem.certificates(pem, "The issuer's CA chain");
    if (out == null) {
      output().result(Json.object().put("caChainPem", pem), () -> output().out().print(pem));
      output().out().flush();
      return;
    }
    SafeFiles.writePublic(out, pem.getBytes(StandardCharsets.US_ASCII));
    output().result(Json.object().put("file", out.toString()), () -> output().line("Wrote " + out + "."));
  }
}
