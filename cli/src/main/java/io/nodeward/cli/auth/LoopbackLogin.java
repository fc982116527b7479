package io.nodeward.cli.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nodeward.cli.core.CliFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Browser sign-in for a native app (RFC 8252): the client listens on a loopback port the system picks, sends the
 * user's browser to the hosted UI with a PKCE challenge and a random state, receives the authorization code on
 * its {@link LoopbackRedirect} ({@code http://127.0.0.1:<port>/callback} by default, the registered
 * {@code http://localhost:8765/callback} against Cognito), and redeems it with the verifier, so a code seen by anyone else is
 * useless. A callback whose state does not match is answered 400 and ignored (RFC 6749 §10.12).
 */
public final class LoopbackLogin {

  private final CognitoClient cognito;
  private final String clientId;
  private final PrintWriter err;
  private final Duration timeout;
  private final boolean openBrowser;
  private final LoopbackRedirect redirect;

  public LoopbackLogin(CognitoClient cognito, String clientId, PrintWriter err, Duration timeout, boolean openBrowser,
      LoopbackRedirect redirect) {
    this.cognito = cognito;
    this.clientId = clientId;
    this.err = err;
    this.timeout = timeout;
    this.openBrowser = openBrowser;
    this.redirect = redirect;
  }

  private record Callback(String code, String error, String description) {
  }

  public Tokens run() {
    Pkce pkce = Pkce.create();
    String state = Pkce.random(16);
    CompletableFuture<Callback> callback = new CompletableFuture<>();
    HttpServer server = listen(state, callback);
    try {
      String redirectUri = redirect.uri(server.getAddress().getPort());
      String url = cognito.authorizeEndpoint() + "?" + query(Map.of(
          "response_type", "code", "client_id", clientId, "redirect_uri", redirectUri, "state", state,
          "code_challenge", pkce.challenge(), "code_challenge_method", "S256", "scope", "openid email"));
      err.println("Open this address in a browser to sign in:");
      err.println("  " + url);
      err.println("Waiting up to " + timeout.toMinutes() + " min for the sign-in to finish (Ctrl-C to stop)...");
      err.flush();
      if (openBrowser) {
        Browser.open(url);
      }
      Callback result = await(callback);
      if (result.error() != null) {
        throw CliFailure.refused(400, result.error(), "The sign-in was refused"
            + (result.description() == null ? "." : ": " + result.description()));
      }
      return cognito.exchangeCode(result.code(), redirectUri, pkce.verifier());
    } finally {
      server.stop(0);
    }
  }

  private HttpServer listen(String state, CompletableFuture<Callback> callback) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(redirect.bindAddress()), redirect.port()), 8);
    } catch (IOException e) {
      throw CliFailure.failed("CANNOT_LISTEN", "Cannot listen on " + redirect.bindAddress() + ":" + redirect.port()
          + " for the sign-in: " + e.getMessage() + ".");
    }
    server.createContext(redirect.path(), exchange -> {
      try (exchange) {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        if (!"GET".equals(exchange.getRequestMethod()) || !sameState(state, query.get("state"))) {
          page(exchange, 400, "This is not the sign-in nodeward is waiting for.");
          return;
        }
        if (query.get("error") != null) {
          page(exchange, 400, "The sign-in was refused. You can close this tab.");
          callback.complete(new Callback(null, query.get("error"), query.get("error_description")));
        } else if (query.get("code") != null) {
          page(exchange, 200, "Signed in to nodeward. You can close this tab and return to the terminal.");
          callback.complete(new Callback(query.get("code"), null, null));
        } else {
          page(exchange, 400, "The sign-in answer has no code.");
        }
      }
    });
    server.start();
    return server;
  }

  private Callback await(CompletableFuture<Callback> callback) {
    try {
      return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw CliFailure.failed("LOGIN_TIMED_OUT", "The sign-in did not finish within " + timeout.toMinutes() + " min.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.failed("INTERRUPTED", "The sign-in was interrupted.");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static boolean sameState(String expected, String received) {
    return received != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        received.getBytes(StandardCharsets.US_ASCII));
  }

  private static void page(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>nodeward</title></head>"
        + "<body><p>" + message + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static Map<String, String> parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        values.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static String query(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    // a fixed order keeps the printed address readable and stable
    for (String name : new String[] {"response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
        "code_challenge_method"}) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(name).append('=').append(URLEncoder.encode(values.get(name), StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
