package io.nodeward.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack as a user runs it: {@code StackMain} in a JVM of its own, stopped with a real SIGTERM or killed with a
 * real SIGKILL. Its output (log and banner) goes to a file the test reads; what it says is the evidence a test
 * asserts on. The JVM runs with C1 only and a small heap: it only has to start and stop, on two shared cores.
 */
final class StackProcess implements AutoCloseable {

  private static final Duration START_BOUND = Duration.ofSeconds(120);
  /** Only a guard against a hung process; the bound a stop must keep is the component timeouts, read from the log. */
  private static final Duration EXIT_GUARD = Duration.ofSeconds(60);
  private static final Pattern ISSUER = Pattern.compile("Issuer API +http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern AUDIT = Pattern.compile("Audit API +http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern GATEWAY = Pattern.compile("mTLS gateway +https://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern IDENTITY = Pattern.compile("Identity \\(Cognito\\) +(http://\\S+)");

  private final Process process;
  private final Path output;
  int issuerPort;
  int auditPort;
  int gatewayPort;
  String identityUrl;
  private long sigtermAt;

  private StackProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts StackMain with {@code env} (on top of this JVM's PATH/JAVA_HOME only) and waits for its banner. */
  static StackProcess start(Map<String, String> env, Path output) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", classpath, StackMain.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("NODEWARD_"));
    builder.environment().putAll(env);
    StackProcess stack = new StackProcess(builder.start(), output);
    stack.awaitBanner();
    return stack;
  }

  private void awaitBanner() {
    long deadline = System.nanoTime() + START_BOUND.toNanos();
    while (!log().contains("nodeward is up")) {
      if (!process.isAlive()) {
        throw new AssertionError("the stack exited with " + process.exitValue() + " before it was up:\n" + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stack was not up within " + START_BOUND + ":\n" + tail());
      }
      sleep(100);
    }
    String log = log();
    issuerPort = port(ISSUER, log);
    auditPort = port(AUDIT, log);
    gatewayPort = port(GATEWAY, log);
    Matcher identity = IDENTITY.matcher(log);
    if (!identity.find()) {
      throw new AssertionError("no identity URL in the banner:\n" + tail());
    }
    identityUrl = identity.group(1);
  }

  private static int port(Pattern pattern, String log) {
    Matcher m = pattern.matcher(log);
    if (!m.find()) {
      throw new AssertionError("the banner does not show " + pattern + ":\n" + log);
    }
    return Integer.parseInt(m.group(1));
  }

  /** SIGTERM, as Ctrl-C, {@code docker stop} or systemd send it. */
  void sigterm() {
    sigtermAt = System.nanoTime();
    process.destroy();
  }

  /** SIGKILL: no shutdown hook runs, as after a power cut or an OOM kill. */
  void sigkill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** Waits for the process to end and answers its exit status. */
  int awaitExit() {
    try {
      if (!process.waitFor(EXIT_GUARD.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the stack did not exit within " + EXIT_GUARD + " of the signal:\n" + tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** Milliseconds from SIGTERM to exit, for the report; never asserted (the machine is shared). */
  long millisFromSigtermToExit() {
    return (System.nanoTime() - sigtermAt) / 1_000_000;
  }

  String log() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The log from the first line containing {@code marker} on. */
  List<String> linesFrom(String marker) {
    List<String> lines = new ArrayList<>(log().lines().toList());
    int from = 0;
    while (from < lines.size() && !lines.get(from).contains(marker)) {
      from++;
    }
    return lines.subList(from, lines.size());
  }

  String tail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
