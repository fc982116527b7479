package io.nodeward.cli;

import io.nodeward.cli.commands.AuditCommand;
import io.nodeward.cli.commands.AuditExportCommand;
import io.nodeward.cli.commands.AuditSearchCommand;
import io.nodeward.cli.commands.AuditVerifyCommand;
import io.nodeward.cli.commands.CallCommand;
import io.nodeward.cli.commands.CdsTrainingCommand;
import io.nodeward.cli.commands.CertCaCommand;
import io.nodeward.cli.commands.CertCommand;
import io.nodeward.cli.commands.CertCrlCommand;
import io.nodeward.cli.commands.CertIssueCommand;
import io.nodeward.cli.commands.CertListCommand;
import io.nodeward.cli.commands.CertRenewCommand;
import io.nodeward.cli.commands.CertRevokeCommand;
import io.nodeward.cli.commands.CompletionCommand;
import io.nodeward.cli.commands.LoginCommand;
import io.nodeward.cli.commands.LogoutCommand;
import io.nodeward.cli.commands.NodeAddCommand;
import io.nodeward.cli.commands.NodeCommand;
import io.nodeward.cli.commands.NodeListCommand;
import io.nodeward.cli.commands.NodeRemoveCommand;
import io.nodeward.cli.commands.TokenCommand;
import io.nodeward.cli.commands.WhoamiCommand;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Every command, registered on demand: picocli builds a command's model by reflection when it is added, and
 * building all of them cost more than half of a cold start (measured: ~0.5 s of 0.7 s for {@code --version}).
 * A run adds only the command its arguments name (and that command's own subcommands only if it has some and is
 * named); help, completion and anything unrecognised get the whole tree, so listings and "did you mean" still work.
 */
final class CommandTree {

  /** A command: its names (first is the name, then aliases), how to make it, and its subcommands. */
  record Node(List<String> names, Supplier<Object> factory, List<Node> children) {
    static Node leaf(Supplier<Object> factory, String... names) {
      return new Node(List.of(names), factory, List.of());
    }

    static Node group(Supplier<Object> factory, String name, Node... children) {
      return new Node(List.of(name), factory, List.of(children));
    }
  }

  static final List<Node> ROOT = List.of(
      Node.leaf(LoginCommand::new, "login"),
      Node.leaf(LogoutCommand::new, "logout"),
      Node.leaf(WhoamiCommand::new, "whoami"),
      Node.leaf(TokenCommand::new, "token"),
      Node.group(CertCommand::new, "cert",
          Node.leaf(CertIssueCommand::new, "issue"),
          Node.leaf(CertListCommand::new, "list", "ls"),
          Node.leaf(CertRevokeCommand::new, "revoke"),
          Node.leaf(CertRenewCommand::new, "renew"),
          Node.leaf(CertCaCommand::new, "ca"),
          Node.leaf(CertCrlCommand::new, "crl")),
      Node.group(NodeCommand::new, "node",
          Node.leaf(NodeListCommand::new, "list", "ls"),
          Node.leaf(NodeAddCommand::new, "add"),
          Node.leaf(NodeRemoveCommand::new, "remove", "rm")),
      Node.leaf(CallCommand::new, "call"),
      Node.group(AuditCommand::new, "audit",
          Node.leaf(AuditSearchCommand::new, "search"),
          Node.leaf(AuditExportCommand::new, "export"),
          Node.leaf(AuditVerifyCommand::new, "verify")),
      Node.leaf(CompletionCommand::new, "completion"),
      Node.leaf(CdsTrainingCommand::new, "cds-training"),
      Node.leaf(CommandLine.HelpCommand::new, "help"));

  /** Global options that take a value: their value is not a command name. */
  private static final Set<String> VALUED = Set.of("--issuer-url", "--issuer-mtls-url", "--audit-url", "--idp-url",
      "--hosted-ui-url", "--client-id", "--gateway-url", "-o", "--output");
  private static final Set<String> WHOLE_TREE = Set.of("help", "completion");

  private CommandTree() {
  }

  static void register(CommandLine root, String[] args) {
    List<String> words = positionals(args);
    boolean versionOnly = words.isEmpty() && List.of(args).stream().anyMatch(a -> a.equals("-V") || a.equals("--version"));
    if (versionOnly) {
      return;
    }
    String first = words.isEmpty() ? null : words.get(0);
    Node named = find(ROOT, first);
    if (named == null || WHOLE_TREE.contains(first)) {
      ROOT.forEach(node -> add(root, node, null));
      return;
    }
    add(root, named, words.size() > 1 ? words.get(1) : null);
  }

  /** Adds {@code node}; of its subcommands only the one named {@code next}, or all when none is named. */
  private static void add(CommandLine parent, Node node, String next) {
    CommandLine command = new CommandLine(node.factory().get());
    Node child = find(node.children(), next);
    for (Node sub : node.children()) {
      if (child == null || sub == child) {
        CommandLine subcommand = new CommandLine(sub.factory().get());
        command.addSubcommand(sub.names().get(0), subcommand, aliases(sub));
        SubcommandHelp.apply(subcommand);
      }
    }
    parent.addSubcommand(node.names().get(0), command, aliases(node));
    SubcommandHelp.apply(command);
  }

  private static String[] aliases(Node node) {
    return node.names().subList(1, node.names().size()).toArray(new String[0]);
  }

  private static Node find(List<Node> nodes, String name) {
    if (name == null) {
      return null;
    }
    return nodes.stream().filter(n -> n.names().contains(name)).findFirst().orElse(null);
  }

  /** The words that are not options nor option values, in order. */
  static List<String> positionals(String[] args) {
    java.util.ArrayList<String> words = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("-")) {
        if (VALUED.contains(arg)) {
          i++;
        }
        continue;
      }
      words.add(arg);
    }
    return words;
  }
}
