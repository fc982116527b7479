package io.nodeward.issuer.testing;

import io.nodeward.events.CaBackend;
import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.app.CrlSigner;
import io.nodeward.issuer.app.IssuedCertificate;
import io.nodeward.issuer.app.SigningRequest;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.ClientCertificateBuilder;
import io.nodeward.issuer.domain.CrlBuilder;
import io.nodeward.issuer.domain.CrlEntry;
import io.nodeward.issuer.domain.SerialNumbers;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CA port for tests of app/ (as step-ca tests its handlers against a mock authority): signs real
 * certificates with an in-memory key, synchronously, records revocations, and fails on demand.
 */
public final class FakeCertificateAuthority implements CertificateAuthority, CrlSigner {

  private final CertificateProfile profile;
  private final KeyPair key = TestCsrs.ec("secp256r1");
  private final X509Certificate caCertificate;
  private final SecureRandom random = new SecureRandom();
  public final Map<String, CrlEntry> revoked = new ConcurrentHashMap<>();
  public final AtomicInteger signed = new AtomicInteger();
  public volatile boolean unavailable;
  public volatile boolean requiresCsr;

  public FakeCertificateAuthority(CertificateProfile profile) {
    this.profile = profile;
    this.caCertificate = selfSigned(key);
  }

  @Override
  public CaBackend backend() {
    return CaBackend.LOCAL;
  }

  @Override
  public boolean requiresCsr() {
    return requiresCsr;
  }

  @Override
  public Future<IssuedCertificate> issue(SigningRequest request) {
    if (unavailable) {
      return Future.failedFuture(new IllegalStateException("the fake CA is down"));
    }
    signed.incrementAndGet();
    X509Certificate certificate = ClientCertificateBuilder.build(profile, request.identity(), request.publicKey(),
        request.keyAlgorithm(), request.window(), SerialNumbers.random(random), caCertificate, signer());
    return Future.succeededFuture(new IssuedCertificate(certificate, List.of(caCertificate), CaBackend.LOCAL));
  }

  @Override
  public Future<Void> revoke(String serialHex, RevocationReason reason) {
    if (unavailable) {
      return Future.failedFuture(new IllegalStateException("the fake CA is down"));
    }
    revoked.putIfAbsent(serialHex, new CrlEntry(serialHex, Instant.now(), reason));
    return Future.succeededFuture();
  }

  @Override
  public List<X509Certificate> caChain() {
    return List.of(caCertificate);
  }

  @Override
  public Optional<CrlSigner> crlSigner() {
    return Optional.of(this);
  }

  @Override
  public X509CRL sign(Collection<CrlEntry> entries, Instant thisUpdate, Instant nextUpdate, BigInteger number) {
    return CrlBuilder.build(caCertificate, entries, thisUpdate, nextUpdate, number, signer());
  }

  @Override
  public List<CrlEntry> caRevocations() {
    return List.copyOf(revoked.values());
  }

  @Override
  public int caRevocationCount() {
    return revoked.size();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private ContentSigner signer() {
    try {
      return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate selfSigned(KeyPair key) {
    try {
      X500Name name = new X500Name("CN=fake nodeward CA");
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, java.util.Date.from(now.minusSeconds(3600)),
          java.util.Date.from(now.plusSeconds(86400 * 365L)), name, key.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
