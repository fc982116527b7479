package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import io.nodeward.cli.output.Durations;
import io.nodeward.cli.output.Table;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List your certificates (an admin sees everyone's), newest first.")
public final class CertListCommand extends BaseCommand {

  @Option(names = {"-n", "--node"}, paramLabel = "NODE", description = "Only this node's certificates.")
  String node;

  @Option(names = "--status", paramLabel = "STATUS", completionCandidates = StatusCandidates.class,
      description = "active, revoked or expired.")
  String status;

  @Option(names = "--expiring-within", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Only active certificates that expire within this, e.g. 7d or 12h.")
  java.time.Duration expiringWithin;

  @Option(names = "--user", paramLabel = "USER_ID", description = "Admins: only this owner's certificates.")
  String user;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10000", description = "At most this many (default: ${DEFAULT-VALUE}).")
  int limit;

  static final class StatusCandidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("active", "revoked", "expired").iterator();
    }
  }

  @Override
  protected void execute() {
    ArrayNode certificates = Pages.all(cli().issuer(), "/v1/certificates", () -> Query.of()
        .add("nodeId", node).add("status", status)
        .add("expiringWithin", expiringWithin == null ? null : expiringWithin.toString())
        .add("userId", user), "certificates", limit);
    output().result(Json.object().set("certificates", certificates), () -> table(certificates));
  }

  private void table(ArrayNode certificates) {
    if (certificates.isEmpty()) {
      output().note("No certificates.");
      return;
    }
    Instant now = cli().clock().instant();
    Table table = Table.of("SERIAL", "NODE", "STATUS", "KEY", "SOURCE", "NOT AFTER", "");
    for (JsonNode c : certificates) {
      String notAfter = Json.text(c, "notAfter");
      table.row(Json.text(c, "serialNumber"), Json.text(c, "nodeId"), Json.text(c, "status"), Json.text(c, "keyAlgorithm"),
          source(Json.text(c, "keySource")), notAfter,
          notAfter == null ? null : Durations.relative(Instant.parse(notAfter), now));
    }
    output().table(table);
  }

  private static String source(String keySource) {
    if (keySource == null) {
      return null;
    }
    return switch (keySource) {
      case "CLIENT_CSR" -> "csr";
      case "SERVER_GENERATED" -> "server";
      default -> keySource.toLowerCase();
    };
  }
}
