package io.nodeward.issuer.ca;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.acmpca.model.SigningAlgorithm;

/**
 * How to reach an ACM Private CA.
 *
 * @param certificateAuthorityArn the CA that signs
 * @param region its AWS region
 * @param endpoint an endpoint override (a local ACM PCA-compatible server), or null for AWS
 * @param templateArn the certificate template; the APIPassthrough variant lets nodeward's subject and URI SAN
 *     replace whatever the CSR says
 * @param signingAlgorithm must match the CA's key type
 * @param pollInterval how often the GetCertificate waiter asks whether the certificate is ready
 * @param maxPollAttempts how many times it asks before the issuance fails
 */
public record AcmPcaSettings(String certificateAuthorityArn, String region, URI endpoint, String templateArn,
    SigningAlgorithm signingAlgorithm, Duration pollInterval, int maxPollAttempts) {

  public static final String DEFAULT_TEMPLATE_ARN =
      "arn:aws:acm-pca:::template/EndEntityClientAuthCertificate_APIPassthrough/V1";

  public AcmPcaSettings {
    Objects.requireNonNull(certificateAuthorityArn, "certificateAuthorityArn");
    if (!certificateAuthorityArn.startsWith("arn:")) {
      throw new IllegalArgumentException("certificateAuthorityArn must be an ARN");
    }
    Objects.requireNonNull(region, "region");
    templateArn = templateArn == null ? DEFAULT_TEMPLATE_ARN : templateArn;
    signingAlgorithm = signingAlgorithm == null ? SigningAlgorithm.SHA256_WITHECDSA : signingAlgorithm;
    pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
    if (maxPollAttempts < 1) {
      throw new IllegalArgumentException("maxPollAttempts must be positive");
    }
  }
}
