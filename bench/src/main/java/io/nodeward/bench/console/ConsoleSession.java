package io.nodeward.bench.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person in the console as a browser holds it: a cookie jar, signed in through the hosted UI (authorization code
 * with PKCE, redirects followed one hop at a time), then one page after another on one kept-alive connection.
 */
final class ConsoleSession {

  private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
  private static final Pattern SERVER_TIMING = Pattern.compile("app;dur=([0-9.]+)");

  /** One page as timed: status, the console's own Server-Timing, wall time here, and the body. */
  record Answer(int status, double serverMillis, double wallMillis, String body) {
  }

  private final String consoleUrl;
  private final HttpClient http;

  private ConsoleSession(String consoleUrl) {
    this.consoleUrl = consoleUrl;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  static ConsoleSession signIn(String consoleUrl, String username, String password) throws IOException, InterruptedException {
    ConsoleSession session = new ConsoleSession(consoleUrl);
    HttpResponse<String> answer = session.follow(session.send(consoleUrl + "/signin?return=/account", null));
    if (answer.statusCode() != 200 || !answer.body().contains("name=\"password\"")) {
      throw new IllegalStateException("expected the hosted UI's sign-in form, got HTTP " + answer.statusCode());
    }
    Map<String, String> form = new LinkedHashMap<>();
    Matcher hidden = HIDDEN.matcher(answer.body());
    while (hidden.find()) {
      form.put(hidden.group(1), unescape(hidden.group(2)));
    }
    form.put("username", username);
    form.put("password", password);
    URI login = answer.uri().resolve("/login");
    HttpResponse<String> account = session.follow(session.send(login.toString(), form));
    if (account.statusCode() != 200 || !account.uri().getPath().equals("/account")) {
      throw new IllegalStateException("sign-in of " + username + " ended at " + account.uri() + " (HTTP " + account.statusCode() + ")");
    }
    return session;
  }

  /** GET one console page (path and query), as a browser would, or as htmx does with {@code htmx} set. */
  Answer get(String path, boolean htmx) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(consoleUrl + path)).timeout(Duration.ofSeconds(120))
        .header("Accept", "text/html");
    if (htmx) {
      request.header("HX-Request", "true");
    }
    long t0 = System.nanoTime();
    HttpResponse<String> answer = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    double wall = (System.nanoTime() - t0) / 1e6;
    Matcher timing = SERVER_TIMING.matcher(answer.headers().firstValue("Server-Timing").orElse(""));
    double server = timing.find() ? Double.parseDouble(timing.group(1)) : Double.NaN;
    return new Answer(answer.statusCode(), server, wall, answer.body());
  }

  private HttpResponse<String> send(String url, Map<String, String> form) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (form == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
          form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"))));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> follow(HttpResponse<String> answer) throws IOException, InterruptedException {
    for (int hops = 0; hops < 10 && answer.statusCode() / 100 == 3; hops++) {
      String location = answer.headers().firstValue("Location").orElseThrow();
      answer = send(answer.uri().resolve(location).toString(), null);
    }
    return answer;
  }

  static String unescape(String html) {
    return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
