package io.nodeward.cli.commands;

import picocli.CommandLine.Command;

/** Its subcommands are registered by CommandTree. */
@Command(name = "cert", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Certificates for your nodes: issue (key kept here), list, revoke, renew, and the CA's chain and CRL.")
public final class CertCommand extends GroupCommand {
}
