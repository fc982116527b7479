package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import io.nodeward.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List your nodes (an admin sees every node).")
public final class NodeListCommand extends BaseCommand {

  @Option(names = "--owner", paramLabel = "USER_ID", description = "Admins: only this owner's nodes.")
  String owner;

  @Override
  protected void execute() {
    ArrayNode nodes = Pages.all(cli().issuer(), "/v1/nodes", () -> Query.of().add("ownerUserId", owner), "nodes",
        Integer.MAX_VALUE);
    output().result(Json.object().set("nodes", nodes), () -> {
      if (nodes.isEmpty()) {
        output().note("No nodes.");
        return;
      }
      Table table = Table.of("NODE", "OWNER", "UPSTREAM", "PROVISIONED");
      for (JsonNode n : nodes) {
        table.row(Json.text(n, "nodeId"), Json.text(n, "ownerUserId"), Json.text(n, "upstreamUrl"), Json.text(n, "provisionedAt"));
      }
      output().table(table);
    });
  }
}
