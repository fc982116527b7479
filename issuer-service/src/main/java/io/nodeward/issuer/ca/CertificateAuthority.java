package io.nodeward.issuer.ca;

import io.nodeward.events.CaBackend;
import io.nodeward.events.RevocationReason;
import io.vertx.core.Future;
import java.security.cert.X509Certificate;
import java.util.List;

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

  Future<Void> close();
}
