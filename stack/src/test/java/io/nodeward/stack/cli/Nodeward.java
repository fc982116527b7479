package io.nodeward.stack.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.stack.NodewardStack;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code nodeward} client as a user runs it: the launcher the build made ({@code cli/target/bin/nodeward},
 * which runs the client's jar with its CDS archive) in a separate process, with its own home (XDG directories, so
 * its own session) and the stack's addresses in {@code NODEWARD_CLI_*} variables.
 */
final class Nodeward {

  static final Path LAUNCHER = Path.of(System.getProperty("nodeward.cli.launcher", "../cli/target/bin/nodeward"))
      .toAbsolutePath().normalize();
  /** Only turns a hang into a failure; a command normally takes a second. */
  static final Duration BOUND = Duration.ofSeconds(90);

  /** What one run left behind. */
  record Result(int exitCode, String out, String err) {
    JsonObject json() {
      return new JsonObject(out);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  final Path home;
  private final Map<String, String> env = new HashMap<>();

  Nodeward(Path home, NodewardStack stack) {
    assertTrue(Files.isExecutable(LAUNCHER), "No client at " + LAUNCHER + ": build it with the reactor "
        + "(mvn -pl stack -am verify packages the cli module first)");
    this.home = home;
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("NODEWARD_CLI_ISSUER_URL", "http://127.0.0.1:" + stack.issuer().port());
    env.put("NODEWARD_CLI_AUDIT_URL", "http://127.0.0.1:" + stack.audit().port());
    env.put("NODEWARD_CLI_IDP_URL", stack.identity().baseUrl());
    env.put("NODEWARD_CLI_GATEWAY_URL", "https://127.0.0.1:" + stack.authorizer().gatewayPort());
    env.put("NODEWARD_CLI_ISSUER_MTLS_URL", "https://127.0.0.1:" + stack.issuer().renewalPort());
  }

  Nodeward env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Result run(String... args) {
    return runWithInput(null, args);
  }

  Result runWithInput(String stdin, String... args) {
    Running running = start(stdin, args);
    return running.await(BOUND);
  }

  /** Starts the client and returns at once (browser login, the renewal daemon). */
  Running start(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(home, "out", ".txt");
      Path err = Files.createTempFile(home, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("NODEWARD_") || name.startsWith("XDG_"));
      builder.environment().putAll(env);
      if (stdin == null) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      Process process = builder.start();
      if (stdin != null) {
        try (var in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      return new Running(process, out, err, String.join(" ", args));
    } catch (IOException e) {
      throw new AssertionError("could not start " + command, e);
    }
  }

  /** A client process still running or done; its output is read from files, so it never blocks on a full pipe. */
  record Running(Process process, Path out, Path err, String what) {
    String stdout() {
      return read(out);
    }

    String stderr() {
      return read(err);
    }

    Result await(Duration bound) {
      try {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("'nodeward " + what + "' did not finish within " + bound.toSeconds() + " s; stderr: "
              + stderr());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return new Result(process.exitValue(), stdout(), stderr());
    }

    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }
}
