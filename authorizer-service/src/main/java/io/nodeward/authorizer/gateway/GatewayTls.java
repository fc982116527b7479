package io.nodeward.authorizer.gateway;

import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.config.TlsEngine;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.List;
import java.util.Set;

/**
 * The gateway's TLS: a client certificate is required and must chain to the nodeward CA (the handshake
 * enforces it, with the JDK's PKIX validator: chain, validity, and clientAuth where an EKU is present),
 * TLS 1.2 and 1.3 only, OpenSSL (BoringSSL) when it loads since it costs about a third of the JDK
 * engine's CPU per handshake. Cipher suites are pinned (issue 13.15): TLS 1.3's three, and on TLS 1.2 only
 * ECDHE key exchange (forward secrecy) with an AEAD cipher (GCM, ChaCha20-Poly1305); no RSA key exchange, no CBC.
 */
public final class GatewayTls {

  public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
  /** In order of preference; the IANA names both engines accept. */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private GatewayTls() {
  }

  public static HttpServerOptions serverOptions(AuthorizerConfig config, int port) {
    return mutualTls(config, config.gatewayHost(), port, config.trustChainPem().toString());
  }

  /**
   * The {@code /authorize} listener: the same server certificate, protocols and engine; callers' certificates must
   * chain to its own client CA.
   */
  public static HttpServerOptions authorizeListenerOptions(AuthorizerConfig config, int port) {
    return mutualTls(config, config.authorizeApi().host(), port, config.authorizeApi().clientCaPem().toString());
  }

  private static HttpServerOptions mutualTls(AuthorizerConfig config, String host, int port, String clientCaPem) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(config.tlsCertPem().toString())
            .setKeyPath(config.tlsKeyPem().toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(clientCaPem))
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        .setIdleTimeout(120)
        .setCompressionSupported(false);
    CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    options.setSslEngineOptions(useOpenSsl(config.tlsEngine()) ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions());
    return options;
  }

  public static boolean useOpenSsl(TlsEngine engine) {
    return switch (engine) {
      case OPENSSL -> true;
      case JDK -> false;
      case AUTO -> OpenSSLEngineOptions.isAvailable();
    };
  }
}
