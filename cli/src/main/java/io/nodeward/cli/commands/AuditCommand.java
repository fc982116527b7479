package io.nodeward.cli.commands;

import picocli.CommandLine.Command;

/** Its subcommands are registered by CommandTree. */
@Command(name = "audit", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "The audit trail: search it (and follow it), export it, and verify it as a transparency log.")
public final class AuditCommand extends GroupCommand {
}
