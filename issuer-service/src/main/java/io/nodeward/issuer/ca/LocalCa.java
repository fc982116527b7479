package io.nodeward.issuer.ca;

import io.nodeward.events.CaBackend;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.app.CrlSigner;
import io.nodeward.issuer.app.IssuedCertificate;
import io.nodeward.issuer.app.ServerCertificateSigner;
import io.nodeward.issuer.app.SigningRequest;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.ClientCertificateBuilder;
import io.nodeward.issuer.domain.CrlBuilder;
import io.nodeward.issuer.domain.CrlEntry;
import io.nodeward.issuer.domain.CryptoProviders;
import io.nodeward.issuer.domain.SerialNumbers;
import io.nodeward.issuer.domain.ServerCertificateBuilder;
import io.nodeward.issuer.domain.ValidityWindow;
import io.nodeward.issuer.store.RevocationFile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The embedded CA: the signer, with a key kept in {@code <dir>/ca.p12} (created on first start), for client
 * certificates, nodeward's own server certificates and CRLs. What it revoked is kept in a {@link RevocationFile}
 * beside the keystore, so a restart keeps it; which revocations a CRL lists is decided by the CRL publication.
 */
public final class LocalCa implements CertificateAuthority, CrlSigner, ServerCertificateSigner {

  private final Vertx vertx;
  private final CertificateProfile profile;
  private final LocalCaKeystore.Material material;
  private final java.security.PrivateKey signingKey;
  private final String signatureAlgorithm;
  private final RevocationFile revocations;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Supplier<URI> crlDistributionPoint;

  private LocalCa(Vertx vertx, CertificateProfile profile, LocalCaKeystore.Material material, RevocationFile revocations,
      Clock clock, Supplier<URI> crlDistributionPoint) {
    this.vertx = vertx;
    this.profile = profile;
    this.material = material;
    this.signingKey = signingKey(material.key());
    this.signatureAlgorithm = "EC".equals(material.key().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    this.revocations = revocations;
    this.clock = clock;
    this.crlDistributionPoint = crlDistributionPoint;
  }

  /**
   * Opens the CA in {@code directory}, creating key and certificate on first start. {@code password} protects
   * the keystore; it is used here and never logged.
   */
  public static Future<LocalCa> open(Vertx vertx, Path directory, char[] password, CertificateProfile profile, Clock clock) {
    return open(vertx, directory, password, profile, clock, () -> null);
  }

  /**
   * As above; client certificates name {@code crlDistributionPoint} (read at each signature, so it may be
   * known only once the HTTP server listens) as where this CA's CRL is published, when it gives one.
   */
  public static Future<LocalCa> open(Vertx vertx, Path directory, char[] password, CertificateProfile profile, Clock clock,
      Supplier<URI> crlDistributionPoint) {
    return vertx.executeBlocking(() -> {
      LocalCaKeystore.Material material = LocalCaKeystore.loadOrCreate(directory, password, clock);
      return new LocalCa(vertx, profile, material, RevocationFile.open(directory), clock, crlDistributionPoint);
    }, false);
  }

  @Override
  public CaBackend backend() {
    return CaBackend.LOCAL;
  }

  @Override
  public boolean requiresCsr() {
    return false;
  }

  @Override
  public Future<IssuedCertificate> issue(SigningRequest request) {
    // Unordered: signatures are independent, so every worker thread may sign at once.
    return vertx.executeBlocking(() -> sign(request), false);
  }

  /** Blocking: ECDSA/RSA signing. Public for the benchmark that measures signing alone. */
  public IssuedCertificate sign(SigningRequest request) {
    BigInteger serial = SerialNumbers.random(random);
    X509Certificate certificate = ClientCertificateBuilder.build(profile, request.identity(), request.publicKey(),
        request.keyAlgorithm(), request.window(), serial, material.certificate(), signer(), crlDistributionPoint.get());
    return new IssuedCertificate(certificate, caChain(), CaBackend.LOCAL);
  }

  /**
   * Blocking: a TLS server certificate for the gateway, so that clients who trust nodeward's CA chain for their
   * own certificates can also verify the gateway they dial (embedded stack, compose).
   */
  @Override
  public X509Certificate signServerCertificate(java.security.PublicKey key, List<String> hostNames,
      List<java.net.InetAddress> addresses, Duration validity) {
    Instant now = clock.instant();
    return ServerCertificateBuilder.build(hostNames, addresses, key,
        new ValidityWindow(now.minus(Duration.ofMinutes(1)), now.plus(validity)),
        SerialNumbers.random(random), material.certificate(), signer());
  }

  private ContentSigner signer() {
    try {
      JcaContentSignerBuilder builder = new JcaContentSignerBuilder(signatureAlgorithm).setSecureRandom(random);
      if ("EC".equals(material.key().getAlgorithm())) {
        builder.setProvider(CryptoProviders.BOUNCY_CASTLE);
      }
      return builder.build(signingKey);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with the CA key", e);
    }
  }

  /** The CA key as a BouncyCastle key object for EC, converted once rather than on every signature. */
  private static java.security.PrivateKey signingKey(java.security.PrivateKey key) {
    if (!"EC".equals(key.getAlgorithm())) {
      return key;
    }
    try {
      return java.security.KeyFactory.getInstance("EC", CryptoProviders.BOUNCY_CASTLE)
          .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the CA key cannot be used for signing", e);
    }
  }

  @Override
  public Future<Void> revoke(String serialHex, RevocationReason reason) {
    return vertx.executeBlocking(() -> {
      revocations.record(serialHex, reason, clock.instant());
      return null;
    });
  }

  /** A CRL over every revocation this CA recorded (RFC 5280 §5), valid for a day. Blocking: signs. */
  public X509CRL crl() {
    Instant now = clock.instant();
    return sign(caRevocations(), now, now.plus(Duration.ofDays(1)), BigInteger.valueOf(now.toEpochMilli()));
  }

  @Override
  public X509CRL sign(Collection<CrlEntry> entries, Instant thisUpdate, Instant nextUpdate, BigInteger number) {
    return CrlBuilder.build(material.certificate(), entries, thisUpdate, nextUpdate, number, signer());
  }

  @Override
  public List<CrlEntry> caRevocations() {
    return revocations.entries();
  }

  @Override
  public int caRevocationCount() {
    return revocations.size();
  }

  @Override
  public Optional<CrlSigner> crlSigner() {
    return Optional.of(this);
  }

  @Override
  public Optional<ServerCertificateSigner> serverCertificates() {
    return Optional.of(this);
  }

  @Override
  public List<X509Certificate> caChain() {
    return List.of(material.certificate());
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
