package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = {"Revoke a certificate: the gateways refuse it from their next request on, and the CRL lists it.",
        "SERIAL may be written as openssl or a browser shows it (01DEADBEEF, 01:de:ad:be:ef)."})
public final class CertRevokeCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "SERIAL", description = "The certificate's serial number.")
  String serial;

  @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified", completionCandidates = Reasons.class,
      description = "key-compromise, superseded, cessation-of-operation, affiliation-changed, privilege-withdrawn, "
          + "ca-compromise, aa-compromise or unspecified (RFC 5280 spellings such as keyCompromise work too) "
          + "(default: ${DEFAULT-VALUE}).")
  String reason;

  static final class Reasons implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("key-compromise", "superseded", "cessation-of-operation", "affiliation-changed",
          "privilege-withdrawn", "ca-compromise", "aa-compromise", "unspecified").iterator();
    }
  }

  @Override
  protected void execute() {
    JsonNode revoked = cli().issuer().post("/v1/certificates/" + Query.segment(serial.trim()) + "/revoke",
        Json.object().put("reason", reason));
    JsonNode pending = revoked.path("propagation").path("pending");
    output().result(revoked, () -> output().line("Revoked certificate " + Json.text(revoked, "serialNumber") + " of node "
        + Json.text(revoked, "nodeId") + " (" + Json.text(revoked, "revocationReason") + ")"
        + (pending.isArray() && !pending.isEmpty()
            ? "; " + pending.size() + " gateway(s) have not confirmed it yet." : ".")));
  }
}
