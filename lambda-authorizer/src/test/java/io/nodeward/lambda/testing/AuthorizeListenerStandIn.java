package io.nodeward.lambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Stands in for the authorizer's mutual-TLS {@code /authorize} listener (contract authorizer.md (b), issue 13.3,
 * being built): requires a client certificate from the CA, lets only the listed URI SAN through (else 403
 * AUTHORIZE_CALLER_NOT_ALLOWED), and hands the body to the real authorizer's {@code POST /authorize} on its admin
 * port, answer relayed unchanged. The decision is the real authorizer's; only the TLS front is this class.
 * When the listener is on main, the end-to-end test points the Lambda at it and this class goes.
 */
public final class AuthorizeListenerStandIn implements AutoCloseable {

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient backend = HttpClient.newHttpClient();
  private final URI authorize;
  private final String allowedCaller;

  private AuthorizeListenerStandIn(HttpsServer server, URI authorize, String allowedCaller) {
    this.server = server;
    this.authorize = authorize;
    this.allowedCaller = allowedCaller;
  }

  public static AuthorizeListenerStandIn start(TestCa.Issued serverCertificate, TestCa clientCa, int adminPort,
      String allowedCaller) {
    try {
      SSLContext context = context(serverCertificate, clientCa);
      HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      https.setHttpsConfigurator(new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters parameters = context.getDefaultSSLParameters();
          parameters.setNeedClientAuth(true);
          params.setSSLParameters(parameters);
        }
      });
      AuthorizeListenerStandIn standIn = new AuthorizeListenerStandIn(https,
          URI.create("http://127.0.0.1:" + adminPort + "/authorize"), allowedCaller);
      https.setExecutor(standIn.executor);
      https.createContext("/authorize", standIn::handle);
      https.start();
      return standIn;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public URI uri() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/authorize");
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    X509Certificate caller = (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
    if (!allowedCaller.equals(uriSan(caller))) {
      respond(exchange, 403, "{\"type\":\"about:blank\",\"status\":403,\"code\":\"AUTHORIZE_CALLER_NOT_ALLOWED\"}");
      return;
    }
    try {
      HttpResponse<byte[]> answer = backend.send(HttpRequest.newBuilder(authorize)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
      respond(exchange, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      respond(exchange, 502, "{\"type\":\"about:blank\",\"status\":502,\"code\":\"UPSTREAM\"}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String uriSan(X509Certificate certificate) {
    try {
      for (List<?> name : certificate.getSubjectAlternativeNames()) {
        if (Integer.valueOf(6).equals(name.get(0))) {
          return (String) name.get(1);
        }
      }
    } catch (Exception e) {
      return null;
    }
    return null;
  }

  private static SSLContext context(TestCa.Issued server, TestCa clientCa) throws Exception {
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", server.key(), password, new Certificate[] {server.certificate()});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(
        new java.io.ByteArrayInputStream(clientCa.pem().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
