package io.nodeward.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A subcommand's help shows its own options; the global ones (inherited from {@code nodeward}, usable anywhere on
 * the line) are named once in a closing line instead of being repeated on every page.
 */
final class SubcommandHelp {

  private SubcommandHelp() {
  }

  static void apply(CommandLine command) {
    command.getCommandSpec().usageMessage().abbreviateSynopsis(true);
    command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, SubcommandHelp::ownOptions);
    command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help ->
        help.createHeading("%nGlobal options (" + globalNames(help) + ") work here too; see 'nodeward --help'.%n"));
  }

  private static String ownOptions(Help help) {
    List<OptionSpec> own = help.commandSpec().options().stream()
        .filter(option -> !option.inherited() && !option.hidden())
        .collect(Collectors.toList());
    return help.optionListExcludingGroups(own, help.createDefaultLayout(), Help.createShortOptionNameComparator(),
        help.createDefaultParamLabelRenderer());
  }

  private static String globalNames(Help help) {
    return help.commandSpec().options().stream()
        .filter(OptionSpec::inherited)
        .map(OptionSpec::longestName)
        .collect(Collectors.joining(", "));
  }
}
