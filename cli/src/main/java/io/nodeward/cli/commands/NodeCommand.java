package io.nodeward.cli.commands;

import picocli.CommandLine.Command;

/** Its subcommands are registered by CommandTree. */
@Command(name = "node", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Nodes: list yours (admins: all); admins add and remove them.")
public final class NodeCommand extends GroupCommand {
}
