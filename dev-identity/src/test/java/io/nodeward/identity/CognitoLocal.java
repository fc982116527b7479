package io.nodeward.identity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * cognito-local (npm, a Cognito emulator nobody on this project wrote), run as a child process on a free
 * port with its state in a temp directory. Missing is a failure, not a skip: a silently skipped
 * interoperability test proves nothing.
 */
final class CognitoLocal implements AutoCloseable {

  static final String INSTALL_HINT =
      "cognito-local is not installed: run scripts/install-test-tools.sh from the project root (installs it into .tools/)";

  private final Process process;
  private final Path log;
  private final int port;

  private CognitoLocal(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static CognitoLocal start(Path workDir) throws IOException, InterruptedException {
    Path script = projectRoot().resolve(".tools/node_modules/cognito-local/lib/bin/start.js");
    if (!Files.isRegularFile(script)) {
      throw new AssertionError(INSTALL_HINT + " (looked for " + script + ")");
    }
    int port = freePort();
    // Its default pools want e-mail addresses as usernames; Cognito's own default (and ours) is plain names.
    Files.createDirectories(workDir.resolve(".cognito"));
    Files.writeString(workDir.resolve(".cognito/config.json"), "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}");
    Path log = workDir.resolve("cognito-local.log");
    ProcessBuilder builder = new ProcessBuilder("node", script.toString())
        .directory(workDir.toFile()) // its state goes to ./.cognito
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // Its tokens' issuer is http://HOST:PORT/<poolId>; only its openid-configuration hard-codes localhost:9229.
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("HOST", "127.0.0.1");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot run `node` (needed for cognito-local): " + e.getMessage(), e);
    }
    CognitoLocal cognitoLocal = new CognitoLocal(process, log, port);
    cognitoLocal.awaitListening();
    return cognitoLocal;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** What its tokens carry as {@code iss}. */
  String issuer(String userPoolId) {
    return endpoint() + "/" + userPoolId;
  }

  /** Polls until the port accepts; fails at once with its output if the process dies instead. */
  private void awaitListening() throws IOException, InterruptedException {
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError("cognito-local exited with " + process.exitValue() + ":\n" + output());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The folder holding scripts/install-test-tools.sh, found upwards from where Maven runs the tests. */
  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/install-test-tools.sh"))) {
        return dir;
      }
    }
    throw new AssertionError(INSTALL_HINT + " (and no project root with scripts/install-test-tools.sh above "
        + Path.of("").toAbsolutePath() + ")");
  }
}
