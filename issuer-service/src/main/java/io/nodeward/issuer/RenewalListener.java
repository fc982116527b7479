package io.nodeward.issuer;

import io.nodeward.events.KeyAlgorithm;
import io.nodeward.issuer.api.RenewalClientTrust;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.app.ServerCertificateSigner;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.issuer.domain.KeyPairs;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's mutual-TLS listener for renewal. Its server certificate comes from files, or is signed by the CA
 * at start (and re-signed before it expires) so clients verify it with the CA chain they already hold. Clients
 * authenticate with the certificate they renew ({@link RenewalClientTrust}); the certificate is requested, not
 * required, so a client without one gets a problem it can read rather than a handshake alert.
 */
final class RenewalListener {

  private static final Logger LOG = LoggerFactory.getLogger(RenewalListener.class);
  private static final Duration SERVER_CERT_VALIDITY = Duration.ofDays(90);
  private static final Duration RENEW_SERVER_CERT_BEFORE = Duration.ofDays(30);
  private static final long CHECK_EVERY_MILLIS = Duration.ofHours(12).toMillis();

  private final Vertx vertx;
  private final HttpServer server;
  private long timer = -1;
  private volatile Instant notAfter;

  private RenewalListener(Vertx vertx, HttpServer server, Instant notAfter) {
    this.vertx = vertx;
    this.server = server;
    this.notAfter = notAfter;
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return server.close();
  }

  static Future<Optional<RenewalListener>> start(Vertx vertx, IssuerConfig config, CertificateAuthority ca, Router router) {
    IssuerConfig.Renewal settings = config.renewal();
    Optional<ServerCertificateSigner> signer = ca.serverCertificates();
    if (settings.certPem() == null && signer.isEmpty()) {
      LOG.warn("No renewal listener: the {} CA signs no server certificates; set NODEWARD_ISSUER_MTLS_CERT_PEM and "
          + "NODEWARD_ISSUER_MTLS_KEY_PEM to offer renewal over mutual TLS", ca.backend());
      return Future.succeededFuture(Optional.empty());
    }
    Future<Signed> keyCert = settings.certPem() != null
        ? Future.succeededFuture(new Signed(new PemKeyCertOptions().setCertPath(settings.certPem().toString())
            .setKeyPath(settings.keyPem().toString()), null))
        : vertx.executeBlocking(() -> sign(signer.get(), settings), false);
    return keyCert.compose(signed -> vertx.createHttpServer(options(settings, signed.keyCert(), ca))
        .requestHandler(router)
        .listen()
        .map(server -> {
          LOG.info("Renewal listener (mutual TLS) on {}:{}", settings.host(), server.actualPort());
          RenewalListener listener = new RenewalListener(vertx, server, signed.notAfter());
          if (signed.notAfter() != null) {
            listener.timer = vertx.setPeriodic(CHECK_EVERY_MILLIS, id -> listener.refresh(signer.get(), settings, ca));
          }
          return Optional.of(listener);
        }));
  }

  private record Signed(KeyCertOptions keyCert, Instant notAfter) {
  }

  private static HttpServerOptions options(IssuerConfig.Renewal settings, KeyCertOptions keyCert, CertificateAuthority ca) {
    return new HttpServerOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setSsl(true)
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
        .setKeyCertOptions(keyCert)
        .setTrustOptions(TrustOptions.wrap(new RenewalClientTrust(ca.caChain())))
        .setClientAuth(ClientAuth.REQUEST);
  }

  /** Blocking: a fresh EC key and a serverAuth certificate for the configured names. */
  private static Signed sign(ServerCertificateSigner signer, IssuerConfig.Renewal settings) {
    KeyPair key = KeyPairs.generate(KeyAlgorithm.EC_P256, new SecureRandom());
    X509Certificate certificate = signer.signServerCertificate(key.getPublic(), settings.names().hostNames(),
        settings.names().addresses(), SERVER_CERT_VALIDITY);
    return new Signed(new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(Pem.write(certificate)))
        .setKeyValue(Buffer.buffer(Pem.privateKey(key.getPrivate()))), certificate.getNotAfter().toInstant());
  }

  /** A long-running issuer outlives its server certificate: swap in a new one well before it expires. */
  private void refresh(ServerCertificateSigner signer, IssuerConfig.Renewal settings, CertificateAuthority ca) {
    if (Instant.now().plus(RENEW_SERVER_CERT_BEFORE).isBefore(notAfter)) {
      return;
    }
    vertx.executeBlocking(() -> sign(signer, settings), false)
        .compose(signed -> server.updateSSLOptions(new ServerSSLOptions().setKeyCertOptions(signed.keyCert())
                .setTrustOptions(TrustOptions.wrap(new RenewalClientTrust(ca.caChain())))
                .setClientAuth(ClientAuth.REQUEST)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3")))
            .onSuccess(v -> notAfter = signed.notAfter()))
        .onFailure(e -> LOG.error("Could not renew the renewal listener's server certificate", e));
  }
}
