package io.nodeward.issuer.domain;

import io.nodeward.events.KeyAlgorithm;
import java.time.Duration;
import java.util.Objects;

/**
 * What a caller asked for, already parsed and shape-checked at the edge.
 *
 * @param nodeId the node the certificate is for (matches {@link io.nodeward.events.Identifiers#NODE_ID})
 * @param keyAlgorithm the key to generate; ignored when a CSR is given (the CSR's key decides)
 * @param csrPem the caller's PKCS#10 request, or null to have the issuer generate the key pair
 * @param validity how long the certificate should be valid, or null for the profile's default
 */
public record CertificateRequest(String nodeId, KeyAlgorithm keyAlgorithm, String csrPem, Duration validity) {

  public CertificateRequest {
    Objects.requireNonNull(nodeId, "nodeId");
    keyAlgorithm = keyAlgorithm == null ? KeyAlgorithm.RSA_2048 : keyAlgorithm;
  }

  public boolean clientKey() {
    return csrPem != null;
  }
}
