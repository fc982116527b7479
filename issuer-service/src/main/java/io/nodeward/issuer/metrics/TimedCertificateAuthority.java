package io.nodeward.issuer.metrics;

import io.nodeward.events.CaBackend;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.app.CrlSigner;
import io.nodeward.issuer.app.IssuedCertificate;
import io.nodeward.issuer.app.ServerCertificateSigner;
import io.nodeward.issuer.app.SigningRequest;
import io.vertx.core.Future;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** A CA back end whose signing is timed ({@code nodeward_issuer_ca_sign_seconds}); everything else passes through. */
public final class TimedCertificateAuthority implements CertificateAuthority {

  private final CertificateAuthority ca;
  private final IssuerMetrics metrics;

  public TimedCertificateAuthority(CertificateAuthority ca, IssuerMetrics metrics) {
    this.ca = ca;
    this.metrics = metrics;
  }

  @Override
  public CaBackend backend() {
    return ca.backend();
  }

  @Override
  public boolean requiresCsr() {
    return ca.requiresCsr();
  }

  @Override
  public Future<IssuedCertificate> issue(SigningRequest request) {
    long began = System.nanoTime();
    return ca.issue(request).onSuccess(issued -> metrics.caSigned(System.nanoTime() - began));
  }

  @Override
  public Future<Void> revoke(String serialHex, RevocationReason reason) {
    return ca.revoke(serialHex, reason);
  }

  @Override
  public List<X509Certificate> caChain() {
    return ca.caChain();
  }

  @Override
  public Optional<CrlSigner> crlSigner() {
    return ca.crlSigner();
  }

  @Override
  public Optional<ServerCertificateSigner> serverCertificates() {
    return ca.serverCertificates();
  }

  @Override
  public Future<Void> close() {
    return ca.close();
  }
}
