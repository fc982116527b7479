package io.nodeward.issuer.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real TLS client for the renewal listener: trusts only nodeward's CA (so it verifies the listener's server
 * certificate) and presents the given client certificate and key, or none.
 */
public final class MtlsClient {

  private final HttpClient http;
  private final String base;

  private MtlsClient(HttpClient http, String base) {
    this.http = http;
    this.base = base;
  }

  /** {@code key} and {@code certificate} null: no client certificate. */
  public static MtlsClient create(int port, List<X509Certificate> caChain, PrivateKey key, X509Certificate certificate) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < caChain.size(); i++) {
        trust.setCertificateEntry("ca-" + i, caChain.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] password = "test".toCharArray();
      if (key != null) {
        keys.setKeyEntry("client", key, password, new Certificate[] {certificate});
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      javax.net.ssl.KeyManager[] managers = key == null ? kmf.getKeyManagers()
          : new javax.net.ssl.KeyManager[] {new AlwaysPresent((javax.net.ssl.X509KeyManager) kmf.getKeyManagers()[0])};
      context.init(managers, tmf.getTrustManagers(), null);
      HttpClient http = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();
      return new MtlsClient(http, "https://127.0.0.1:" + port);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Presents the client certificate whatever CAs the server names as acceptable: the JDK's own key manager would
   * quietly send none for a foreign certificate, and the test could not show that the server refuses it.
   */
  private static final class AlwaysPresent extends javax.net.ssl.X509ExtendedKeyManager {

    private final javax.net.ssl.X509KeyManager keys;

    AlwaysPresent(javax.net.ssl.X509KeyManager keys) {
      this.keys = keys;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine e) {
      return "client";
    }

    @Override
    public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
      return "client";
    }

    @Override
    public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }

  /** POST {@code path} with a JSON body (null: none). Throws the client's IOException when the handshake fails. */
  public HttpResponse<String> post(String path, String json) throws java.io.IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
