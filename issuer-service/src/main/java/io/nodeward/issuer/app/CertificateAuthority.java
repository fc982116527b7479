package io.nodeward.issuer.app;

import io.nodeward.events.CaBackend;
import io.nodeward.events.RevocationReason;
import io.vertx.core.Future;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A certificate authority back end (cfssl's Signer, step-ca's CAS): the local BouncyCastle CA or ACM Private
 * CA. Signing never runs on an event loop: each implementation moves it to a worker or to the network.
 */
public interface CertificateAuthority {

  CaBackend backend();

  /** True when the back end signs CSRs only, so a server-generated key needs a CSR built for it. */
  boolean requiresCsr();

  Future<IssuedCertificate> issue(SigningRequest request);

  /** Revokes a certificate by serial (lower-case hex). Revoking an already revoked certificate succeeds. */
  Future<Void> revoke(String serialHex, RevocationReason reason);

  /** The CA chain, issuing CA first; clients and the authorizer trust its last element. */
  List<X509Certificate> caChain();

  /** Present when this back end signs CRLs itself. */
  default Optional<CrlSigner> crlSigner() {
    return Optional.empty();
  }

  /** Present when this back end can sign nodeward's own TLS server certificates. */
  default Optional<ServerCertificateSigner> serverCertificates() {
    return Optional.empty();
  }

  Future<Void> close();
}
