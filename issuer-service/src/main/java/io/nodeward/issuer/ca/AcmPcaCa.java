package io.nodeward.issuer.ca;

import io.nodeward.events.CaBackend;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.app.IssuedCertificate;
import io.nodeward.issuer.app.SigningRequest;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.acmpca.AcmPcaAsyncClient;
import software.amazon.awssdk.services.acmpca.model.ASN1Subject;
import software.amazon.awssdk.services.acmpca.model.ApiPassthrough;
import software.amazon.awssdk.services.acmpca.model.CustomAttribute;
import software.amazon.awssdk.services.acmpca.model.ExtendedKeyUsage;
import software.amazon.awssdk.services.acmpca.model.ExtendedKeyUsageType;
import software.amazon.awssdk.services.acmpca.model.Extensions;
import software.amazon.awssdk.services.acmpca.model.GeneralName;
import software.amazon.awssdk.services.acmpca.model.GetCertificateAuthorityCertificateResponse;
import software.amazon.awssdk.services.acmpca.model.GetCertificateRequest;
import software.amazon.awssdk.services.acmpca.model.GetCertificateResponse;
import software.amazon.awssdk.services.acmpca.model.IssueCertificateRequest;
import software.amazon.awssdk.services.acmpca.model.KeyUsage;
import software.amazon.awssdk.services.acmpca.model.RequestAlreadyProcessedException;
import software.amazon.awssdk.services.acmpca.model.Validity;
import software.amazon.awssdk.services.acmpca.model.ValidityPeriodType;

/**
 * AWS ACM Private CA through the SDK v2 async client: {@code IssueCertificate} with an idempotency token,
 * the {@code GetCertificate} waiter (ACM PCA signs asynchronously and answers RequestInProgressException
 * until done), {@code RevokeCertificate}, and the chain from {@code GetCertificateAuthorityCertificate}.
 * The network client is non-blocking, so nothing here occupies an event loop.
 */
public final class AcmPcaCa implements CertificateAuthority {

  /** X.500 attribute type OIDs for the subject; ACM PCA does not allow mixing custom and named attributes. */
  private static final String OID_ORGANIZATION = "2.5.4.10";
  private static final String OID_UID = "0.9.2342.19200300.100.1.1";
  private static final String OID_COMMON_NAME = "2.5.4.3";

  private final Vertx vertx;
  private final AcmPcaAsyncClient client;
  private final AcmPcaSettings settings;
  private final CertificateProfile profile;
  private final WaiterOverrideConfiguration waiterConfiguration;
  private volatile List<X509Certificate> chain = List.of();

  private AcmPcaCa(Vertx vertx, AcmPcaAsyncClient client, AcmPcaSettings settings, CertificateProfile profile) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.profile = profile;
    this.waiterConfiguration = WaiterOverrideConfiguration.builder()
        .maxAttempts(settings.maxPollAttempts())
        .backoffStrategyV2(BackoffStrategy.fixedDelay(settings.pollInterval()))
        .build();
  }

  /** Connects and fetches the CA chain; fails if the CA cannot be reached, so a misconfigured issuer does not start. */
  public static Future<AcmPcaCa> create(Vertx vertx, AcmPcaAsyncClient client, AcmPcaSettings settings,
      CertificateProfile profile) {
    AcmPcaCa ca = new AcmPcaCa(vertx, client, settings, profile);
    return ca.fetchChain().map(ca);
  }

  private Future<Void> fetchChain() {
    return fromSdk(client.getCertificateAuthorityCertificate(r -> r.certificateAuthorityArn(settings.certificateAuthorityArn())))
        .map(AcmPcaCa::chainOf)
        .onSuccess(c -> this.chain = c)
        .mapEmpty();
  }

  private static List<X509Certificate> chainOf(GetCertificateAuthorityCertificateResponse response) {
    List<X509Certificate> result = new ArrayList<>(Pem.readCertificates(response.certificate()));
    if (response.certificateChain() != null && !response.certificateChain().isBlank()) {
      result.addAll(Pem.readCertificates(response.certificateChain()));
    }
    return List.copyOf(result);
  }

  @Override
  public CaBackend backend() {
    return CaBackend.ACM_PCA;
  }

  @Override
  public boolean requiresCsr() {
    return true;
  }

  @Override
  public Future<IssuedCertificate> issue(SigningRequest request) {
    if (request.csr() == null) {
      return Future.failedFuture(new IllegalArgumentException("ACM PCA signs CSRs only"));
    }
    return fromSdk(client.issueCertificate(issueRequest(request)))
        .compose(issued -> fromSdk(client.waiter().waitUntilCertificateIssued(GetCertificateRequest.builder()
            .certificateAuthorityArn(settings.certificateAuthorityArn())
            .certificateArn(issued.certificateArn())
            .build(), waiterConfiguration)))
        .map(this::issuedCertificate);
  }

  IssueCertificateRequest issueRequest(SigningRequest request) {
    return IssueCertificateRequest.builder()
        .certificateAuthorityArn(settings.certificateAuthorityArn())
        .csr(SdkBytes.fromUtf8String(pem(request.csr())))
        .signingAlgorithm(settings.signingAlgorithm())
        .templateArn(settings.templateArn())
        .validityNotBefore(absolute(request.window().notBefore().getEpochSecond()))
        .validity(absolute(request.window().notAfter().getEpochSecond()))
        .idempotencyToken(request.requestId())
        .apiPassthrough(passthrough(request))
        .build();
  }

  /** The identity nodeward decided, overriding the CSR's subject and SANs (APIPassthrough templates). */
  private ApiPassthrough passthrough(SigningRequest request) {
    ASN1Subject subject = ASN1Subject.builder().customAttributes(
        attribute(OID_ORGANIZATION, profile.organization()),
        attribute(OID_UID, request.identity().userId()),
        attribute(OID_COMMON_NAME, request.identity().nodeId())).build();
    Extensions extensions = Extensions.builder()
        .subjectAlternativeNames(GeneralName.builder().uniformResourceIdentifier(request.identity().toUri()).build())
        .extendedKeyUsage(ExtendedKeyUsage.builder().extendedKeyUsageType(ExtendedKeyUsageType.CLIENT_AUTH).build())
        .keyUsage(KeyUsage.builder().digitalSignature(true)
            .keyEncipherment(profile.keyEncipherment(request.keyAlgorithm())).build())
        .build();
    return ApiPassthrough.builder().subject(subject).extensions(extensions).build();
  }

  private static CustomAttribute attribute(String oid, String value) {
    return CustomAttribute.builder().objectIdentifier(oid).value(value).build();
  }

  private static Validity absolute(long epochSeconds) {
    return Validity.builder().type(ValidityPeriodType.ABSOLUTE).value(epochSeconds).build();
  }

  private IssuedCertificate issuedCertificate(WaiterResponse<GetCertificateResponse> waited) {
    GetCertificateResponse response = waited.matched().response()
        .orElseThrow(() -> new IllegalStateException("ACM PCA did not issue the certificate",
            waited.matched().exception().orElse(null)));
    X509Certificate certificate = Pem.readCertificate(response.certificate());
    List<X509Certificate> issuedChain = response.certificateChain() == null || response.certificateChain().isBlank()
        ? chain
        : Pem.readCertificates(response.certificateChain());
    return new IssuedCertificate(certificate, issuedChain, CaBackend.ACM_PCA);
  }

  @Override
  public Future<Void> revoke(String serialHex, RevocationReason reason) {
    return fromSdk(client.revokeCertificate(r -> r
        .certificateAuthorityArn(settings.certificateAuthorityArn())
        .certificateSerial(colonHex(serialHex))
        .revocationReason(reason.name())))
        .<Void>mapEmpty()
        // Already revoked: the state the caller wants holds.
        .recover(e -> e instanceof RequestAlreadyProcessedException ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /** ACM PCA spells serials as colon-separated hex octets. */
  static String colonHex(String serialHex) {
    String even = serialHex.length() % 2 == 0 ? serialHex : "0" + serialHex;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < even.length(); i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(even, i, i + 2);
    }
    return out.toString();
  }

  @Override
  public List<X509Certificate> caChain() {
    return chain;
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }

  private static String pem(PKCS10CertificationRequest csr) {
    return Pem.write(csr);
  }

  /** Back onto a Vert.x context, with the SDK's CompletionException unwrapped so callers see the real cause. */
  private <T> Future<T> fromSdk(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
  }
}
