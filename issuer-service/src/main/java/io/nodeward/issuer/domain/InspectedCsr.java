package io.nodeward.issuer.domain;

import io.nodeward.events.KeyAlgorithm;
import java.security.PublicKey;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A CSR whose signature proved possession of {@code publicKey}. Only the key is used: the CSR's subject,
 * SANs and requested extensions are ignored, nodeward decides the identity.
 */
public record InspectedCsr(PKCS10CertificationRequest csr, PublicKey publicKey, KeyAlgorithm keyAlgorithm) {
}
