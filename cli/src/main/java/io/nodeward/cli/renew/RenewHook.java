package io.nodeward.cli.renew;

import io.nodeward.cli.core.CliFailure;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --exec} command run after each renewal (reload a server, restart an agent), through {@code sh -c},
 * with the new files and serial in its environment. Its output goes to stderr so that stdout stays the client's.
 */
public final class RenewHook {

  static final long TIMEOUT_MINUTES = 10;

  private final String command;

  public RenewHook(String command) {
    this.command = command;
  }

  /** Runs the hook; a failure (non-zero exit, timeout) is thrown with its exit status. */
  public void run(RenewalTarget target, Renewed renewed) {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec 1>&2\n" + command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = builder.environment();
    env.put("NODEWARD_CERT_FILE", target.certificate().toAbsolutePath().toString());
    env.put("NODEWARD_KEY_FILE", target.key().toAbsolutePath().toString());
    env.put("NODEWARD_CA_FILE", target.caChain().toAbsolutePath().toString());
    env.put("NODEWARD_SERIAL", renewed.serial());
    env.put("NODEWARD_PREVIOUS_SERIAL", renewed.previousSerial());
    env.put("NODEWARD_NOT_AFTER", renewed.notAfter().toString());
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw CliFailure.failed("HOOK_FAILED", "The --exec command did not finish within " + TIMEOUT_MINUTES + " min.");
      }
      if (process.exitValue() != 0) {
        throw CliFailure.failed("HOOK_FAILED", "The --exec command exited with status " + process.exitValue() + ".");
      }
    } catch (IOException e) {
      throw CliFailure.failed("HOOK_FAILED", "Cannot run the --exec command: " + e.getMessage() + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.failed("INTERRUPTED", "Interrupted while the --exec command ran.");
    }
  }
}
