package io.nodeward.cli.commands;

import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.SafeFiles;
import io.nodeward.cli.http.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "crl", mixinStandardHelpOptions = true,
    description = {"Fetch the CA's certificate revocation list, for relying parties outside the gateway:",
        "  nodeward cert crl --out crl.pem && openssl verify -crl_check -CAfile ca.pem -CRLfile crl.pem node.crt"})
public final class CertCrlCommand extends BaseCommand {

  @Option(names = "--out", paramLabel = "FILE", description = "Write it here (default: print the PEM).")
  Path out;

  @Option(names = "--der", description = "DER instead of PEM (with --out).")
  boolean der;

  @Override
  protected void execute() {
    if (der && out == null) {
      throw CliFailure.usage("USAGE", "--der writes binary: give --out FILE.");
    }
    byte[] crl = der
        ? cli().publicIssuer().bytes("/v1/crl", "application/pkix-crl")
        : cli().publicIssuer().bytes("/v1/crl", "application/x-pem-file");
    if (out == null) {
      String pem = new String(crl, StandardCharsets.US_ASCII);
      output().result(Json.object().put("crlPem", pem), () -> output().out().print(pem));
      output().out().flush();
      return;
    }
    SafeFiles.writePublic(out, crl);
    output().result(Json.object().put("file", out.toString()), () -> output().line("Wrote " + out + "."));
  }
}
