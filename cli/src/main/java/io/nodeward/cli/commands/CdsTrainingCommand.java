package io.nodeward.cli.commands;

import com.sun.net.httpserver.HttpServer;
import io.nodeward.cli.NodewardCli;
import io.nodeward.cli.audit.CanonicalJson;
import io.nodeward.cli.audit.CompactRange;
import io.nodeward.cli.audit.LogHashes;
import io.nodeward.cli.core.SafeFiles;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.pki.Csr;
import io.nodeward.cli.pki.KeyType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Run by the build only, under {@code -XX:ArchiveClassesAtExit}: exercises the classes a typical run loads
 * (parsing, settings, the session file, an HTTP exchange with a JSON answer, tables, a CSR, tree hashing) against a
 * throw-away server on a loopback port, so the AppCDS archive holds them. Talks to nothing else.
 */
@Command(name = "cds-training", hidden = true)
public final class CdsTrainingCommand extends BaseCommand {

  private static final String CERTIFICATES = "{\"certificates\":[{\"serialNumber\":\"5c1e0f9a\",\"nodeId\":\"demo-node-1\","
      + "\"userId\":\"u\",\"status\":\"active\",\"notBefore\":\"2026-01-01T00:00:00Z\",\"notAfter\":\"2026-01-08T00:00:00Z\","
      + "\"keyAlgorithm\":\"EC_P256\",\"keySource\":\"CLIENT_CSR\"}],\"nextCursor\":null}";

  @Override
  protected void execute() throws IOException {
    Path home = Files.createTempDirectory("nodeward-cds-");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
    server.createContext("/", exchange -> {
      byte[] body = CERTIFICATES.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      Map<String, String> env = new HashMap<>();
      env.put("HOME", home.toString());
      env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
      env.put("XDG_STATE_HOME", home.resolve("state").toString());
      env.put("NODEWARD_CLI_ISSUER_URL", "http://127.0.0.1:" + server.getAddress().getPort());
      signIn(home.resolve("config").resolve("nodeward"));
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      for (String[] args : new String[][] {{"--version"}, {"--help"}, {"cert", "list", "--help"}, {"cert", "list"},
          {"cert", "list", "-o", "json"}, {"node", "list"}, {"whoami"}, {"cert", "list", "--issuer-url", "http://127.0.0.1:1"},
          {"no-such-command"}}) {
        NodewardCli.run(args, quiet, quiet, env, Clock.systemUTC());
      }
      KeyPair pair = KeyType.EC_P256.generate();
      Csr.pem(pair, KeyType.EC_P256, "demo-node-1");
      CompactRange range = new CompactRange();
      range.append(LogHashes.leafHash(CanonicalJson.of(Json.parse("{\"b\":1,\"a\":[true,null,\"x\"]}", "sample"))
          .getBytes(StandardCharsets.UTF_8)));
      range.root();
    } finally {
      server.stop(0);
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(SafeFiles::deleteQuietly);
      }
    }
  }

  /** A session file with a token that only this loopback server ever sees. */
  private static void signIn(Path configDir) {
    long exp = System.currentTimeMillis() / 1000 + 3600;
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"sub\":\"u\",\"username\":\"training\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    String token = "e30." + payload + ".c2ln";
    new io.nodeward.cli.auth.TokenStore(configDir).save(new io.nodeward.cli.auth.Tokens("http://127.0.0.1:9229",
        "nodeward-cli", "training", token, null, "refresh", java.time.Instant.ofEpochSecond(exp)));
  }
}
