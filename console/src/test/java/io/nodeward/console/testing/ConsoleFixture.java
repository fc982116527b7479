package io.nodeward.console.testing;

import io.nodeward.console.ConsoleService;
import io.nodeward.console.config.ConsoleConfig;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.testing.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A console and a real dev identity provider on free ports, the provider registering the console's real redirect
 * and sign-out URLs. The issuer and audit API addresses are whatever the test gives (a closed port shows the
 * "API unavailable" path).
 */
public final class ConsoleFixture implements AutoCloseable {

  public final Vertx vertx;
  public final DevIdentityProvider idp;
  public final ConsoleService console;
  public final String url;

  private ConsoleFixture(Vertx vertx, DevIdentityProvider idp, ConsoleService console) {
    this.vertx = vertx;
    this.idp = idp;
    this.console = console;
    this.url = console.publicUrl();
  }

  public static ConsoleFixture start(Path dataDir, Map<String, String> extraEnv) {
    Vertx vertx = Vertx.vertx();
    ConsoleService console = Await.result(ConsoleService.listen(vertx, "127.0.0.1", 0));
    String consoleUrl = console.publicUrl();
    DevIdentityProvider idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dataDir)
        .withRedirectUris(List.of(consoleUrl + "/callback"))
        .withLogoutUris(List.of(consoleUrl + "/signed-out"))));
    Map<String, String> env = new HashMap<>();
    env.put("NODEWARD_PROFILE", "dev"); // the dev identity provider over http
    env.put("NODEWARD_CONSOLE_HOSTED_UI_URL", idp.baseUrl());
    env.put("NODEWARD_COGNITO_ISSUER", idp.issuer());
    env.put("NODEWARD_CONSOLE_ISSUER_URL", "http://127.0.0.1:" + closedPort());
    env.put("NODEWARD_CONSOLE_AUDIT_URL", "http://127.0.0.1:" + closedPort());
    env.put("NODEWARD_CONSOLE_API_TIMEOUT", "5s");
    env.putAll(extraEnv);
    Await.result(console.serve(ConsoleConfig.fromEnv(Env.of(env))));
    return new ConsoleFixture(vertx, idp, console);
  }

  /** A port nothing listens on: bound and released at once. */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Signs {@code username} in as a browser does: the page asked for, the redirect to the hosted UI, its login form,
   * the redirect back to /callback, and on to the page. Answers the last response (the page).
   */
  public HttpResponse<Buffer> signIn(Browser browser, String path, String username, String password) {
    HttpResponse<Buffer> toHostedUi = browser.follow(browser.get(url + path), url);
    // follow() stops at the login form (200): the hosted UI's page
    MultiMap form = Browser.hiddenFields(toHostedUi.bodyAsString()).add("username", username).add("password", password);
    HttpResponse<Buffer> back = browser.post(idp.baseUrl() + "/login", form);
    return browser.follow(back, url);
  }

  @Override
  public void close() {
    Await.result(console.close());
    Await.result(idp.close());
    Await.result(vertx.close());
  }
}
