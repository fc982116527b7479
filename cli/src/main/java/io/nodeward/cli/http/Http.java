package io.nodeward.cli.http;

import io.nodeward.cli.core.CliFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The JDK HTTP client with the client's conventions: bounded connect time, and every I/O failure turned into a
 * {@link CliFailure} naming the service and address (exit 3 when it cannot be reached, 1 when TLS refused).
 */
public final class Http {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  // HTTP/1.1 throughout: one request per command gains nothing from HTTP/2, and over plain http the JDK client
  // would first try an h2c upgrade, which loads and runs the whole HTTP/2 stack (measured: ~0.3 s of a cold start).
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client;
  private final String userAgent;

  private Http(HttpClient client, String userAgent) {
    this.client = client;
    this.userAgent = userAgent;
  }

  /**
   * A client for {@code http://} and {@code https://} addresses, trusting the system's CA certificates. The JDK
   * client loads them (and the TLS provider) when it is built, even if it never speaks TLS: see {@link #cleartext}.
   */
  public static Http plain(String userAgent) {
    return new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
        .build(), userAgent);
  }

  /**
   * A client for {@code http://} addresses only: its TLS context trusts no certificate at all, so building it does
   * not read the system's 140-odd CA certificates (measured: a third of {@code nodeward cert list}'s cold start
   * against the embedded stack, which speaks plain HTTP on loopback). Any https:// address fails the handshake.
   */
  public static Http cleartext(String userAgent) {
    return new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(TrustNothing.context()).build(), userAgent);
  }

  /** A client presenting a certificate and trusting only the given CA (the gateway, the renewal listener). */
  public static Http mutualTls(SSLContext context, String userAgent) {
    return new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(context).build(), userAgent);
  }

  public HttpRequest.Builder request(java.net.URI uri) {
    return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("User-Agent", userAgent);
  }

  /** Without a request timeout: for answers that stream for as long as they take (exports, following). */
  public HttpRequest.Builder streamingRequest(java.net.URI uri) {
    return HttpRequest.newBuilder(uri).header("User-Agent", userAgent);
  }

  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String service) {
    try {
      return client.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.failed("INTERRUPTED", "Interrupted while waiting for the " + service + ".");
    } catch (IOException e) {
      throw failure(e, service, request.uri().getScheme() + "://" + request.uri().getAuthority());
    }
  }

  static CliFailure failure(IOException e, String service, String address) {
    SSLException tls = tlsCause(e);
    if (tls != null) {
      return CliFailure.failed("TLS_FAILED", "The TLS handshake with the " + service + " at " + address + " failed: "
          + describe(tls) + ".");
    }
    String why = e instanceof HttpConnectTimeoutException ? "the connection timed out"
        : e instanceof HttpTimeoutException ? "it did not answer in time"
        : e instanceof ConnectException ? "the connection was refused"
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
