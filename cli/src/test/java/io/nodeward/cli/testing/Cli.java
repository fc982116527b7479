package io.nodeward.cli.testing;

import io.nodeward.cli.NodewardCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the client in this JVM with its own environment and captured output (the process tests run the jar). */
public final class Cli {

  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Map<String, String> env = new HashMap<>();

  public Cli(Path home) {
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_STATE_HOME", home.resolve("state").toString());
  }

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = NodewardCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, Clock.systemUTC());
    return new Result(code, out.toString(), err.toString());
  }
}
