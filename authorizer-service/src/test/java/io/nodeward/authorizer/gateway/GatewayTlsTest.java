package io.nodeward.authorizer.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.OpenSsl;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.nodeward.authorizer.testing.AuthorizerFixture;
import io.nodeward.authorizer.testing.TestPki;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GatewayTlsTest {

  static final AuthorizerFixture FIXTURE = new AuthorizerFixture();
  static final TestPki.Issued CLIENT = FIXTURE.pki.client("alice", "node-1");
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  /** Guards the build: with mismatched tcnative classes and native library, AUTO silently falls back to the JDK. */
  @Test
  void theOpenSslEngineLoadsSoAutoChoosesIt() {
    assertTrue(OpenSsl.isAvailable(), () -> "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
    assertTrue(GatewayTls.useOpenSsl(TlsEngine.AUTO));
  }

  /**
   * Issue 13.15, with an RSA server certificate so that RSA key exchange is possible at all. The same options
   * without the pinned suites accept the client (the control: this test fails on the code before the pin).
   */
  @ParameterizedTest(name = "{0} engine")
  @EnumSource(value = TlsEngine.class, names = {"OPENSSL", "JDK"})
  void aTls12ClientOfferingOnlyNonForwardSecretOrNonAeadSuitesFailsTheHandshake(TlsEngine engine) throws Exception {
    HttpServerOptions pinned = GatewayTls.serverOptions(config(engine), 0);
    HttpServer server = listen(pinned);
    HttpServerOptions engineDefaults = new HttpServerOptions(pinned);
    GatewayTls.CIPHER_SUITES.forEach(engineDefaults::removeEnabledCipherSuite);
    HttpServer unpinned = listen(engineDefaults);
    try {
      for (String weak : new String[] {"TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"}) {
        assertEquals("TLSv1.2", handshake(unpinned.actualPort(), "TLSv1.2", weak), "control: " + weak);
        assertThrows(javax.net.ssl.SSLException.class, () -> handshake(server.actualPort(), "TLSv1.2", weak), weak);
      }
      assertEquals("TLSv1.2", handshake(server.actualPort(), "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
      assertEquals("TLSv1.3", handshake(server.actualPort(), "TLSv1.3", "TLS_AES_256_GCM_SHA384"));
    } finally {
      Await.result(server.close());
      Await.result(unpinned.close());
    }
  }

  static AuthorizerConfig config(TlsEngine engine) throws Exception {
    TestPki.Issued rsa = FIXTURE.pki.rsaServer();
    Path dir = Files.createTempDirectory(FIXTURE.dir, "rsa");
    Map<String, String> env = FIXTURE.env("127.0.0.1:1", dir.resolve("data"), Duration.ofSeconds(5), engine);
    env.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", Files.writeString(dir.resolve("rsa.pem"), rsa.certPem()).toString());
    env.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", Files.writeString(dir.resolve("rsa.key"), rsa.keyPem()).toString());
    return FIXTURE.config(env);
  }

  static HttpServer listen(HttpServerOptions options) {
    return Await.result(vertx.createHttpServer(options).requestHandler(req -> req.response().end()).listen());
  }

  /** A JDK client that offers exactly one suite on exactly one protocol; the negotiated protocol, or the failure. */
  static String handshake(int port, String protocol, String suite) throws Exception {
    char[] password = "test".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("client", CLIENT.key(), password, new Certificate[] {CLIENT.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", FIXTURE.pki.caCertificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setEnabledCipherSuites(new String[] {suite});
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }
}
