package io.nodeward.cli.commands;

import io.nodeward.cli.core.SafeFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print the shell completion script (generated from the commands themselves).",
        "bash: source <(nodeward completion bash)   zsh: source <(nodeward completion zsh)",
        "The build also writes both to cli/target/completion/."})
public final class CompletionCommand extends BaseCommand {

  enum Shell { bash, zsh }

  @Parameters(index = "0", paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh (default: ${DEFAULT-VALUE}).")
  Shell shell;

  @Option(names = "--out", paramLabel = "FILE", description = "Write it here instead of printing it.")
  Path out;

  @Override
  protected void execute() {
    CommandLine root = spec.root().commandLine();
    String script = AutoComplete.bash("nodeward", root);
    if (shell == Shell.zsh) {
      // picocli's script runs in zsh through bashcompinit; this header makes that explicit for fpath users too.
      script = "#compdef nodeward\n# zsh completion for nodeward: source this file, or put it on $fpath as _nodeward\n"
          + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
    }
    if (out == null) {
      output().out().print(script);
      output().out().flush();
    } else {
      SafeFiles.writePublic(out, script.getBytes(StandardCharsets.UTF_8));
    }
  }
}
