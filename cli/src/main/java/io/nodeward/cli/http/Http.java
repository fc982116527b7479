package io.nodeward.cli.http;

import io.nodeward.cli.core.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * HTTP/1.1 for the client, on the JDK's {@link HttpURLConnection}: a run makes one or two requests, and this client
 * costs a cold start nothing beyond its own classes, where {@code java.net.http} builds a TLS context (reading the
 * system's CA certificates) and a selector thread even for plain http (measured: about a third of
 * {@code nodeward cert list}). Every I/O failure becomes a {@link CliFailure} naming the service and address: exit 3
 * when it cannot be reached, 1 with {@code TLS_FAILED} when the TLS handshake fails.
 */
public final class Http {

  static {
    // HttpURLConnection silently sends a POST again when a kept-alive connection fails under it; a renewal or an
    // issuance must never be sent twice behind the user's back.
    System.setProperty("sun.net.http.retryPost", "false");
  }

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  /** A request: method, address, headers, optional body; {@code streaming} answers are read without a timeout. */
  public record Request(String method, URI uri, Map<String, String> headers, byte[] body, boolean streaming) {

    public static Request get(URI uri) {
      return new Request("GET", uri, new LinkedHashMap<>(), null, false);
    }

    public static Request of(String method, URI uri, byte[] body) {
      return new Request(method, uri, new LinkedHashMap<>(), body, false);
    }

    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Request streamed() {
      return new Request(method, uri, headers, body, true);
    }

    public Request withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Request(method, uri, copy, body, streaming);
    }
  }

  /** An answer; {@code body} is the whole body, or an open stream for streaming requests (the caller closes it). */
  public record Response(int status, String contentType, byte[] body, InputStream stream) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final SSLContext tls;
  private final String userAgent;

  private Http(SSLContext tls, String userAgent) {
    this.tls = tls;
    this.userAgent = userAgent;
  }

  /** For http:// and https:// (the system's CA certificates, read only if an https address is used). */
  public static Http plain(String userAgent) {
    return new Http(null, userAgent);
  }

  /** Presenting a certificate and trusting only the given CA (the gateway, the renewal listener). */
  public static Http mutualTls(SSLContext context, String userAgent) {
    return new Http(context, userAgent);
  }

  public Response send(Request request, String service) {
    HttpURLConnection connection = null;
    try {
      connection = open(request);
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      if (request.streaming() && status / 100 == 2) {
        return new Response(status, connection.getContentType(), new byte[0], in);
      }
      byte[] body = in == null ? new byte[0] : readAll(in);
      return new Response(status, connection.getContentType(), body, null);
    } catch (IOException e) {
      if (connection != null) {
        connection.disconnect();
      }
      throw failure(e, service, request.uri().getScheme() + "://" + request.uri().getAuthority());
    }
  }

  private HttpURLConnection open(Request request) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
    if (tls != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(tls.getSocketFactory());
    }
    connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    connection.setReadTimeout(request.streaming() ? 0 : (int) READ_TIMEOUT.toMillis());
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestMethod(request.method());
    connection.setRequestProperty("User-Agent", userAgent);
    request.headers().forEach(connection::setRequestProperty);
    if (request.body() != null) {
      // buffered, not a fixed-length stream: a streamed body cannot be answered 401 without an exception
      connection.setDoOutput(true);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(request.body());
      }
    }
    return connection;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  static CliFailure failure(IOException e, String service, String address) {
    SSLException tls = tlsCause(e);
    if (tls != null) {
      return CliFailure.failed("TLS_FAILED", "The TLS handshake with the " + service + " at " + address + " failed: "
          + describe(tls) + ".");
    }
    String why = e instanceof SocketTimeoutException ? "it did not answer in time"
        : e instanceof ConnectException ? "the connection was refused"
        : e instanceof UnknownHostException ? "the name does not resolve"
        : e instanceof NoRouteToHostException ? "there is no route to it"
        : describe(e);
    return CliFailure.unreachable("UNREACHABLE", "Cannot reach the " + service + " at " + address + ": " + why + ".", e);
  }

  private static SSLException tlsCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
