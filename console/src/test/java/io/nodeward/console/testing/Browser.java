package io.nodeward.console.testing;

import io.nodeward.kit.testing.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cookie-keeping HTTP client that walks redirects one hop at a time, so a test sees every hop of a sign-in the
 * way a browser makes them (the real browser tests live in stack; this one needs no Chromium).
 */
public final class Browser implements AutoCloseable {

  private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  private final WebClient web;
  private final WebClientSession session;

  public Browser(Vertx vertx) {
    this.web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    this.session = WebClientSession.create(web);
  }

  public HttpResponse<Buffer> get(String url) {
    return Await.result(session.getAbs(url).send());
  }

  public HttpResponse<Buffer> get(String url, String header, String value) {
    return Await.result(session.getAbs(url).putHeader(header, value).send());
  }

  public HttpResponse<Buffer> post(String url, MultiMap form) {
    return Await.result(session.postAbs(url).sendForm(form));
  }

  public HttpResponse<Buffer> post(String url, MultiMap form, String header, String value) {
    return Await.result(session.postAbs(url).putHeader(header, value).sendForm(form));
  }

  /** Follows Location headers from {@code response} until an answer that is not a redirect. */
  public HttpResponse<Buffer> follow(HttpResponse<Buffer> response, String base) {
    HttpResponse<Buffer> current = response;
    for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
      current = get(absolute(base, current.getHeader("Location")));
    }
    return current;
  }

  public static String absolute(String base, String location) {
    return URI.create(base + "/").resolve(location).toString();
  }

  /** The hidden fields of a form in {@code html} (the hosted UI's login form), as a browser would submit them. */
  public static MultiMap hiddenFields(String html) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    Matcher m = HIDDEN.matcher(html);
    while (m.find()) {
      form.add(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
          .replace("&lt;", "<").replace("&gt;", ">"));
    }
    return form;
  }

  /** The value of a cookie the console set for 127.0.0.1, or null. */
  public String cookie(String name) {
    for (io.netty.handler.codec.http.cookie.Cookie c : session.cookieStore().get(false, "127.0.0.1", "/")) {
      if (c.name().equals(name)) {
        return c.value();
      }
    }
    return null;
  }

  /** Plants a cookie, as an attacker (or an old tab) would hold one. */
  public void setCookie(String name, String value) {
    io.netty.handler.codec.http.cookie.DefaultCookie cookie = new io.netty.handler.codec.http.cookie.DefaultCookie(name, value);
    cookie.setDomain("127.0.0.1");
    cookie.setPath("/");
    session.cookieStore().put(cookie);
  }

  @Override
  public void close() {
    web.close();
  }
}
