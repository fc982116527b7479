package io.nodeward.issuer.ca;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acmpca.AcmPcaAsyncClient;
import software.amazon.awssdk.services.acmpca.AcmPcaAsyncClientBuilder;

/** Builds the ACM PCA async client the issuer uses: Netty (non-blocking) transport, standard retries. */
public final class AcmPcaClients {

  private AcmPcaClients() {
  }

  /**
   * Standard retry mode retries throttling (ACM PCA allows 25 IssueCertificate calls per second) and transient
   * errors with jittered backoff; retried IssueCertificate calls are safe because they carry the idempotency token.
   */
  public static AcmPcaAsyncClient create(AcmPcaSettings settings, AwsCredentialsProvider credentials) {
    AcmPcaAsyncClientBuilder builder = AcmPcaAsyncClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
            .apiCallTimeout(Duration.ofSeconds(60)));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }
}
