package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.nodeward.cli.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Admins: provision a node for its owner, behind the gateway (unchanged if it exists as given).")
public final class NodeAddCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "NODE", description = "The node id (a DNS label).")
  String node;

  @Option(names = "--owner", required = true, paramLabel = "USER_ID", description = "The owner's user id (Cognito sub).")
  String owner;

  @Option(names = "--upstream", required = true, paramLabel = "URL", description = "Where the gateway forwards the node's requests.")
  String upstream;

  @Override
  protected void execute() {
    JsonNode added = cli().issuer().post("/v1/admin/nodes",
        Json.object().put("nodeId", node).put("ownerUserId", owner).put("upstreamUrl", upstream));
    output().result(added, () -> output().line("Node " + Json.text(added, "nodeId") + " is provisioned for "
        + Json.text(added, "ownerUserId") + " at " + Json.text(added, "upstreamUrl") + "."));
  }
}
