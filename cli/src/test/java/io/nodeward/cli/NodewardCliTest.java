package io.nodeward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.cli.auth.TokenStore;
import io.nodeward.cli.auth.Tokens;
import io.nodeward.cli.core.ExitCode;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.testing.Cli;
import io.nodeward.cli.testing.FakeServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings, exit codes, error lines and the session, against loopback fakes of the issuer and the identity provider. */
class NodewardCliTest {

  @TempDir
  Path home;
  FakeServer issuer;
  FakeServer idp;
  Cli cli;

  @BeforeEach
  void start() throws Exception {
    issuer = new FakeServer();
    idp = new FakeServer();
    cli = new Cli(home).env("NODEWARD_CLI_ISSUER_URL", issuer.url()).env("NODEWARD_CLI_IDP_URL", idp.url());
  }

  @AfterEach
  void stop() {
    issuer.close();
    idp.close();
  }

  static String jwt(String username, Instant exp) {
    String payload = "{\"sub\":\"sub-" + username + "\",\"username\":\"" + username + "\",\"exp\":" + exp.getEpochSecond()
        + ",\"cognito:groups\":[\"admin\"]}";
    return "e30." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  private void signedIn(String access, Instant exp) {
    new TokenStore(home.resolve("config/nodeward")).save(new Tokens(idp.url(), "nodeward-cli", "alice", access, null,
        "the-refresh-token", exp));
  }

  private void passwordAccepted() {
    idp.json("POST /", 200, "{\"AuthenticationResult\":{\"AccessToken\":\"" + jwt("alice", Instant.now().plusSeconds(3600))
        + "\",\"IdToken\":\"id\",\"RefreshToken\":\"the-refresh-token\",\"ExpiresIn\":3600}}");
  }

  @Test
  void versionAndHelpExitZeroAndAMissingCommandIsAUsageError() {
    Cli.Result version = cli.run("--version");
    Cli.Result help = cli.run("--help");
    Cli.Result none = cli.run();
    Cli.Result unknown = cli.run("cert", "lst");

    assertEquals(ExitCode.OK, version.exitCode());
    assertTrue(version.out().startsWith("nodeward "), version.out());
    assertEquals(ExitCode.OK, help.exitCode());
    assertTrue(help.out().contains("audit") && help.out().contains("Exit codes:"), help.out());
    assertEquals(ExitCode.USAGE, none.exitCode());
    assertEquals(ExitCode.USAGE, unknown.exitCode());
    assertTrue(unknown.err().contains("Did you mean: ls, list?"), unknown.err());
  }

  @Test
  void passwordLoginKeepsTheSessionOwnerOnlyAndPrintsNoSecret() throws Exception {
    passwordAccepted();

    Cli.Result login = cli.run("login", "--username", "alice", "--password", "x");
    assertEquals(ExitCode.USAGE, login.exitCode(), "no password on the command line: " + login);

    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("s3cret-password\n".getBytes(StandardCharsets.UTF_8)));
      login = cli.run("login", "--username", "alice", "--password-stdin", "-o", "json");
    } finally {
      System.setIn(stdin);
    }

    assertEquals(ExitCode.OK, login.exitCode(), login.toString());
    Path session = home.resolve("config/nodeward/session.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(session)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(session.getParent())));
    assertTrue(idp.requests.get(0).body().contains("\"PASSWORD\":\"s3cret-password\""));
    assertEquals("alice", Json.text(Json.parse(login.out(), "out"), "username"));
    for (String secret : new String[] {"s3cret-password", "the-refresh-token", "e30."}) {
      assertFalse(login.out().contains(secret) || login.err().contains(secret), secret + " printed: " + login);
    }
  }

  /**
   * Amazon Cognito accepts a plain-http redirect only to localhost and matches its port exactly, so the client must
   * send the registered http://localhost:PORT/callback (from the variable, as the template's CliSettings set it),
   * receive the code there and redeem it with that same redirect URI.
   */
  @Test
  void theBrowserSignInUsesTheRegisteredLocalhostRedirectForCognito() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    String redirect = "http://localhost:" + port + "/callback";
    idp.json("POST /oauth2/token", 200, "{\"access_token\":\"" + jwt("alice", Instant.now().plusSeconds(3600))
        + "\",\"refresh_token\":\"the-refresh-token\",\"expires_in\":3600}");
    java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("HOME", home.toString(),
        "XDG_CONFIG_HOME", home.resolve("config").toString(), "NODEWARD_CLI_IDP_URL", idp.url(),
        "NODEWARD_CLI_HOSTED_UI_URL", idp.url(), "NODEWARD_CLI_REDIRECT_URI", redirect));
    java.io.StringWriter err = new java.io.StringWriter();
    java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture.supplyAsync(() ->
        NodewardCli.run(new String[] {"login", "--no-browser", "--timeout", "1m"}, new java.io.PrintWriter(
            new java.io.StringWriter(), true), new java.io.PrintWriter(err, true), env, java.time.Clock.systemUTC()));

    java.util.regex.Matcher authorize = java.util.regex.Pattern.compile("(http://\\S+/oauth2/authorize\\?\\S+)")
        .matcher("");
    for (int i = 0; i < 600 && !authorize.reset(err.toString()).find(); i++) {
      Thread.sleep(50);
    }
    assertTrue(authorize.reset(err.toString()).find(), "no sign-in address printed: " + err);
    java.util.Map<String, String> query = new java.util.HashMap<>();
    for (String pair : java.net.URI.create(authorize.group(1)).getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], kv[1]);
    }
    assertEquals(redirect, query.get("redirect_uri"));
    java.net.http.HttpResponse<String> landed = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(redirect + "?code=the-code&state=" + query.get("state")))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

    assertEquals(200, landed.statusCode(), landed.body());
    assertEquals(ExitCode.OK, (int) exit.get(30, java.util.concurrent.TimeUnit.SECONDS), err.toString());
    String exchange = idp.requests.get(idp.requests.size() - 1).body();
    assertTrue(exchange.contains("redirect_uri=" + java.net.URLEncoder.encode(redirect, StandardCharsets.UTF_8))
        && exchange.contains("code=the-code"), exchange);
  }

  @Test
  void aRedirectThatIsNotLoopbackHttpWithAPortIsAUsageError() {
    for (String bad : new String[] {"https://localhost:8765/callback", "http://evil.example:8765/callback",
        "http://localhost/callback", "http://localhost:8765/callback?x=1", "http://user@localhost:8765/callback"}) {
      Cli.Result login = cli.run("login", "--no-browser", "--redirect-uri", bad);
      assertEquals(ExitCode.USAGE, login.exitCode(), bad + ": " + login);
      assertTrue(login.err().contains("[INVALID_REDIRECT_URI]"), login.err());
    }
    Cli.Result both = cli.run("login", "--no-browser", "--port", "8765", "--redirect-uri", "http://localhost:8765/callback");
    assertEquals(ExitCode.USAGE, both.exitCode(), both.toString());
  }

  @Test
  void anExpiredAccessTokenIsRefreshedOnceAndSaved() {
    signedIn(jwt("alice", Instant.now().minusSeconds(10)), Instant.now().minusSeconds(10));
    String fresh = jwt("alice", Instant.now().plusSeconds(3600));
    idp.json("POST /", 200, "{\"AuthenticationResult\":{\"AccessToken\":\"" + fresh + "\",\"ExpiresIn\":3600}}");
    issuer.json("GET /v1/nodes", 200, "{\"nodes\":[{\"nodeId\":\"n1\",\"ownerUserId\":\"sub-alice\"}],\"nextCursor\":null}");

    Cli.Result first = cli.run("node", "list");
    Cli.Result second = cli.run("node", "list");

    assertEquals(ExitCode.OK, first.exitCode(), first.toString());
    assertEquals(ExitCode.OK, second.exitCode(), second.toString());
    assertEquals(1, idp.requests.size(), "refreshed once, then the saved token was used");
    assertTrue(idp.requests.get(0).body().contains("REFRESH_TOKEN_AUTH"));
    assertEquals("Bearer " + fresh, issuer.requests.get(1).authorization());
  }

  @Test
  void aRefusalIsOneLineWithItsCodeAndExitCodeOne() {
    signedIn(jwt("alice", Instant.now().plusSeconds(3600)), Instant.now().plusSeconds(3600));
    issuer.json("POST /v1/certificates/01DEADBEEF/revoke", 404,
        "{\"status\":404,\"code\":\"UNKNOWN_CERTIFICATE\",\"detail\":\"No such certificate.\"}");

    Cli.Result table = cli.run("cert", "revoke", "01DEADBEEF", "--reason", "keyCompromise");
    Cli.Result json = cli.run("cert", "revoke", "01DEADBEEF", "-o", "json");

    assertEquals(ExitCode.REFUSED, table.exitCode());
    assertEquals("error: No such certificate. [UNKNOWN_CERTIFICATE]\n", table.err());
    assertEquals("{\"reason\":\"keyCompromise\"}", issuer.requests.get(0).body());
    assertEquals(ExitCode.REFUSED, json.exitCode());
    assertEquals("UNKNOWN_CERTIFICATE", Json.parse(json.err(), "err").path("error").path("code").asText());
  }

  @Test
  void anUnreachableServerIsExitCodeThree() {
    signedIn(jwt("alice", Instant.now().plusSeconds(3600)), Instant.now().plusSeconds(3600));

    Cli.Result result = cli.run("cert", "list", "--issuer-url", "http://127.0.0.1:1");

    assertEquals(ExitCode.UNREACHABLE, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("error: Cannot reach the issuer at http://127.0.0.1:1"), result.err());
  }

  @Test
  void theCommandLineWinsOverTheVariableWhichWinsOverTheSettingsFile() throws Exception {
    signedIn(jwt("alice", Instant.now().plusSeconds(3600)), Instant.now().plusSeconds(3600));
    issuer.json("GET /v1/nodes", 200, "{\"nodes\":[],\"nextCursor\":null}");
    try (FakeServer fromFile = new FakeServer(); FakeServer fromFlag = new FakeServer()) {
      fromFile.json("GET /v1/nodes", 200, "{\"nodes\":[],\"nextCursor\":null}");
      fromFlag.json("GET /v1/nodes", 200, "{\"nodes\":[],\"nextCursor\":null}");
      Files.createDirectories(home.resolve("config/nodeward"));
      Files.writeString(home.resolve("config/nodeward/config"), "issuer-url = " + fromFile.url() + "\noutput = json\n");

      cli.run("node", "list");
      Cli.Result fileOnly = new Cli(home).env("NODEWARD_CLI_IDP_URL", idp.url()).run("node", "list");
      cli.run("node", "list", "--issuer-url", fromFlag.url());

      assertEquals(1, issuer.requests.size(), "the variable beat the file");
      assertEquals(1, fromFile.requests.size(), "the file beat the default");
      assertEquals(1, fromFlag.requests.size(), "the flag beat the variable");
      assertTrue(fileOnly.out().trim().startsWith("{"), "output = json from the file: " + fileOnly.out());
    }
  }

  @Test
  void aMisspeltSettingOrABadUrlIsAUsageErrorNamingIt() throws Exception {
    Files.createDirectories(home.resolve("config/nodeward"));
    Files.writeString(home.resolve("config/nodeward/config"), "isuer-url = http://x\n");
    Cli.Result misspelt = new Cli(home).run("node", "list");
    Files.delete(home.resolve("config/nodeward/config"));
    Cli.Result badUrl = cli.run("node", "list", "--audit-url", "ftp://x");

    assertEquals(ExitCode.USAGE, misspelt.exitCode());
    assertTrue(misspelt.err().contains("unknown key 'isuer-url'"), misspelt.err());
    assertEquals(ExitCode.USAGE, badUrl.exitCode());
    assertTrue(badUrl.err().contains("--audit-url (or NODEWARD_CLI_AUDIT_URL)"), badUrl.err());
  }

  @Test
  void aSessionFileOthersCanReadIsRefused() throws Exception {
    signedIn(jwt("alice", Instant.now().plusSeconds(3600)), Instant.now().plusSeconds(3600));
    Files.setPosixFilePermissions(home.resolve("config/nodeward/session.json"), PosixFilePermissions.fromString("rw-r--r--"));

    Cli.Result result = cli.run("whoami");

    assertEquals(ExitCode.REFUSED, result.exitCode());
    assertTrue(result.err().contains("[SESSION_FILE_EXPOSED]"), result.err());
  }

  @Test
  void logoutForgetsTheSessionAndWhoamiThenSaysToSignIn() {
    signedIn(jwt("alice", Instant.now().plusSeconds(3600)), Instant.now().plusSeconds(3600));

    Cli.Result who = cli.run("whoami");
    Cli.Result logout = cli.run("logout");
    Cli.Result after = cli.run("whoami");

    assertTrue(who.out().contains("alice") && who.out().contains("admin"), who.out());
    assertEquals(ExitCode.OK, logout.exitCode());
    assertEquals(ExitCode.REFUSED, after.exitCode());
    assertTrue(after.err().endsWith("run 'nodeward login'. [NOT_SIGNED_IN]\n"), after.err());
  }
}
