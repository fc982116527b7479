package io.nodeward.issuer.app;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.issuer.domain.ValidityWindow;
import java.security.PublicKey;
import java.util.Objects;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What a CA back end is asked to sign: the identity nodeward decided, the subject's public key and the
 * validity window.
 *
 * @param requestId unique per issuance attempt; ACM PCA's idempotency token, so an SDK retry of the same
 *     attempt returns the same certificate instead of signing a second one
 * @param csr a CSR proving possession of {@code publicKey}; required by back ends that only sign CSRs
 *     ({@link CertificateAuthority#requiresCsr()}). Its subject and extensions are never used.
 */
public record SigningRequest(String requestId, CertificateIdentity identity, PublicKey publicKey, KeyAlgorithm keyAlgorithm,
    PKCS10CertificationRequest csr, ValidityWindow window) {

  public SigningRequest {
    Objects.requireNonNull(requestId, "requestId");
    if (requestId.length() > 36) {
      throw new IllegalArgumentException("requestId is at most 36 characters (ACM PCA idempotency token)");
    }
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    Objects.requireNonNull(window, "window");
  }
}
