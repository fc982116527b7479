package io.nodeward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.cli.testing.Cli;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script is generated from the commands: every command is in it, and each option's values are its own. */
class CompletionTest {

  @TempDir
  Path home;

  @Test
  void theBashScriptCompletesEveryCommandAndEachOptionWithItsOwnValues() {
    Cli.Result bash = new Cli(home).run("completion", "bash");

    assertEquals(0, bash.exitCode(), bash.toString());
    String script = bash.out();
    for (String function : new String[] {"_picocli_nodeward_cert_issue", "_picocli_nodeward_cert_renew",
        "_picocli_nodeward_audit_verify", "_picocli_nodeward_node_add", "_picocli_nodeward_call", "_picocli_nodeward_login"}) {
      assertTrue(script.contains("function " + function + "()"), function);
    }
    assertTrue(script.contains("(\"ndjson\" \"csv\" \"log\") # --format values"));
    assertTrue(script.contains("(\"ec-p256\" \"rsa-2048\" \"rsa-3072\")"));
    assertTrue(!script.contains("cds-training"), "the build's hidden command is not offered");
    // two options sharing a value list's name would offer one option's values for the other
    for (String function : script.split("\nfunction ")) {
      Set<String> lists = new HashSet<>();
      Matcher m = Pattern.compile("local (\\w+_option_args)=").matcher(function);
      while (m.find()) {
        assertTrue(lists.add(m.group(1)), "duplicate " + m.group(1) + " in " + function.lines().findFirst().orElse(""));
      }
    }
  }

  @Test
  void theZshScriptLoadsBashCompletionSupportFirst() {
    String zsh = new Cli(home).run("completion", "zsh").out();
    assertTrue(zsh.startsWith("#compdef nodeward\n"));
    assertTrue(zsh.contains("bashcompinit") && zsh.contains("function _picocli_nodeward_cert_issue()"));
  }
}
