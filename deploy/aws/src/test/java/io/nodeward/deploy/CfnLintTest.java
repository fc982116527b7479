package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cfn-lint (AWS's CloudFormation linter, with the resource provider schemas it ships) on the template: no error,
 * no warning, nothing silenced. In the same run a copy with one misspelt property must be refused, so the test
 * shows cfn-lint really looked. cfn-lint is a test tool: scripts/install-test-tools.sh checks it is there.
 */
class CfnLintTest {

  @TempDir
  Path dir;

  @Test
  void cfnLintFindsNothingInTheTemplateAndRefusesABrokenCopy() throws Exception {
    String template = Files.readString(Template.FILE);
    String brokenText = template.replace("      StorageEncrypted: true\n", "      StorageEncryptd: true\n");
    assertTrue(!brokenText.equals(template), "the breaking edit must apply");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), brokenText);

    Result result = run(List.of(cfnLint(), "--format", "parseable", Template.FILE.toString(), broken.toString()));

    List<String> onTemplate = result.lines().stream().filter(l -> l.startsWith(Template.FILE.toString())).toList();
    List<String> onBroken = result.lines().stream().filter(l -> l.startsWith(broken.toString())).toList();
    assertEquals(List.of(), onTemplate, "cfn-lint findings on the template");
    assertTrue(onBroken.stream().anyMatch(l -> l.contains("StorageEncryptd")),
        "cfn-lint must refuse the misspelt property; it said: " + result.lines());
  }

  record Result(int exit, List<String> lines) {
  }

  /** scripts/install-test-tools.sh links the cfn-lint it found here; else the PATH's. */
  static String cfnLint() {
    Path linked = Path.of("../../.tools/bin/cfn-lint");
    if (Files.isExecutable(linked)) {
      return linked.toString();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "cfn-lint");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    fail("cfn-lint is neither in .tools/bin nor on the PATH. Run scripts/install-test-tools.sh (it finds the "
        + "machine image's cfn-lint or installs it with pip).");
    return null;
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("cfn-lint did not finish");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).lines().toList());
  }
}
