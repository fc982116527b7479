package io.nodeward.stack.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool the tests rely on (openssl); a missing tool fails the test, it never skips it. */
final class Tools {

  private Tools() {
  }

  /** Its stdout and stderr together; a non-zero exit fails the test. */
  static String run(Path dir, String... command) {
    Outcome outcome = execute(dir, command);
    if (outcome.exit != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + outcome.exit + ": " + outcome.output);
    }
    return outcome.output;
  }

  /** Its stdout and stderr together, whatever its exit code (openssl verify reports a revocation by failing). */
  static String runAllowingFailure(Path dir, String... command) {
    return execute(dir, command).output;
  }

  private record Outcome(int exit, String output) {
  }

  private static Outcome execute(Path dir, String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command[0] + " did not finish");
      }
      return new Outcome(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError(command[0] + " is needed by this test and could not be run "
          + "(scripts/install-test-tools.sh installs it): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
