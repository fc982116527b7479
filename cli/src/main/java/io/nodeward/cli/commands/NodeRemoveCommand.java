package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", mixinStandardHelpOptions = true,
    description = "Admins: deprovision a node; the gateways refuse its certificates from then on.")
public final class NodeRemoveCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "NODE", description = "The node id.")
  String node;

  @Override
  protected void execute() {
    JsonNode answer = cli().issuer().delete("/v1/admin/nodes/" + Query.segment(node));
    ObjectNode result = answer.isObject() && answer.size() > 0 ? (ObjectNode) answer : Json.object().put("nodeId", node);
    JsonNode pending = result.path("propagation").path("pending");
    output().result(result, () -> output().line("Node " + node + " is deprovisioned"
        + (pending.isArray() && !pending.isEmpty() ? "; " + pending.size() + " gateway(s) have not confirmed it yet." : ".")));
  }
}
