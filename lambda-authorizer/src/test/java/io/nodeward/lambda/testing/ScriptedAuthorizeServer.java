package io.nodeward.lambda.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A mutual-TLS HTTPS server (the JDK's) on 127.0.0.1 that plays a broken or misbehaving authorizer: it answers
 * what the test scripts, or never answers. It tests the Lambda's side of the call (what it sends, what it
 * presents, how it fails closed); the real authorizer's decisions are tested against the real authorizer.
 */
public final class ScriptedAuthorizeServer implements AutoCloseable {

  static {
    // The JDK's server writes headers and body separately; without TCP_NODELAY the client's delayed ACK adds
    // ~40 ms to every kept-alive answer (Vert.x, the real authorizer, sets it by default).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile CountDownLatch released = new CountDownLatch(1);
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> clientUris = new CopyOnWriteArrayList<>();
  private final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile int status = 200;
  private volatile String answer = "{}";
  private volatile boolean hang;
  private final java.util.concurrent.atomic.AtomicInteger drops = new java.util.concurrent.atomic.AtomicInteger();

  private ScriptedAuthorizeServer(HttpsServer server) {
    this.server = server;
  }

  /** Requires a client certificate chaining to {@code clientCa}; presents {@code serverCertificate}. */
  public static ScriptedAuthorizeServer start(TestCa.Issued serverCertificate, TestCa serverCa, TestCa clientCa) {
    return start(0, serverCertificate, serverCa, clientCa);
  }

  /** On a given port (a restart on the port of a stopped one). */
  public static ScriptedAuthorizeServer start(int port, TestCa.Issued serverCertificate, TestCa serverCa,
      TestCa clientCa) {
    try {
      SSLContext context = context(serverCertificate, serverCa, clientCa);
      HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      https.setHttpsConfigurator(new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters parameters = context.getDefaultSSLParameters();
          parameters.setNeedClientAuth(true);
          params.setSSLParameters(parameters);
        }
      });
      ScriptedAuthorizeServer scripted = new ScriptedAuthorizeServer(https);
      https.setExecutor(scripted.executor);
      https.createContext("/authorize", scripted::handle);
      https.start();
      return scripted;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public URI uri() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/authorize");
  }

  public void answer(int status, String body) {
    release();
    this.hang = false;
    this.status = status;
    this.answer = body;
  }

  /** Accept requests and never answer them (until the next {@link #answer} or {@link #close}). */
  public synchronized void hang() {
    this.released = new CountDownLatch(1);
    this.hang = true;
  }

  private synchronized void release() {
    released.countDown();
  }

  /** Close the connection of the next request without an answer: what a kept-alive connection the server has
   * dropped looks like to a client that reuses it. */
  public void dropNext() {
    drops.incrementAndGet();
  }

  public List<String> bodies() {
    return bodies;
  }

  /** How many client connections (distinct source ports) have sent a request. */
  public int connections() {
    return clientPorts.size();
  }

  /** The URI SAN of each client certificate presented, in order. */
  public List<String> clientUris() {
    return clientUris;
  }

  private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    clientPorts.add(exchange.getRemoteAddress().getPort());
    Certificate[] peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
    clientUris.add(uriSan((X509Certificate) peer[0]));
    if (drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      exchange.close();
      return;
    }
    if (hang) {
      try {
        CountDownLatch latch = released;
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
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
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext context(TestCa.Issued server, TestCa serverCa, TestCa clientCa) throws Exception {
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", server.key(), password, new Certificate[] {server.certificate()});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("client-ca", java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(clientCa.pem().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
