package io.nodeward.authorizer.testing;

import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.RevocationReason;
import io.nodeward.kit.tls.Fingerprints;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test-only certificate authority (EC P-256, BouncyCastle) that mints the client certificates the
 * authorizer must accept or refuse: the good one and each way of being wrong.
 */
public final class TestPki {

  public static final String TRUST_DOMAIN = "nodeward.local";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  private TestPki(String name, KeyPair caKeys, X509Certificate caCertificate) {
    this.name = name;
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  public static TestPki create(String name) {
    try {
      KeyPair keys = ecKeys();
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new TestPki(name, keys, sign(builder, keys.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  public String caPem() {
    return pem(caCertificate);
  }

  /** A good client certificate for {@code userId} to reach {@code nodeId}. */
  public Issued client(String userId, String nodeId) {
    return client(ClientSpec.of(userId, nodeId));
  }

  public Issued client(ClientSpec spec) {
    try {
      KeyPair keys = ecKeys();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), serial(),
          Date.from(spec.notBefore()), Date.from(spec.notAfter()),
          new X500Name("CN=" + spec.nodeId() + ",UID=" + spec.userId()), keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      List<GeneralName> sans = new ArrayList<>();
      if (spec.sanUri() != null) {
        sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, spec.sanUri()));
      }
      if (spec.extraSanUri() != null) {
        sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, spec.extraSanUri()));
      }
      if (!sans.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      switch (spec.eku()) {
        case CLIENT_AUTH -> builder.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        case SERVER_AUTH_ONLY -> builder.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        case NONE -> { }
      }
      return new Issued(sign(builder, caKeys.getPrivate()), keys.getPrivate(), caCertificate, spec);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS server certificate for 127.0.0.1 / localhost. */
  public Issued server() {
    try {
      return server(ecKeys());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same with an RSA key: what a server offering RSA key exchange needs. */
  public Issued rsaServer() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return server(generator.generateKeyPair());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Issued server(KeyPair keys) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), serial(),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
          new X500Name("CN=localhost"), keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      return new Issued(sign(builder, caKeys.getPrivate()), keys.getPrivate(), caCertificate, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a client certificate looks like; each "with" makes one thing wrong. */
  public record ClientSpec(String userId, String nodeId, String sanUri, String extraSanUri, Instant notBefore,
      Instant notAfter, Eku eku) {

    public static ClientSpec of(String userId, String nodeId) {
      Instant now = Instant.now();
      return new ClientSpec(userId, nodeId, new CertificateIdentity(TRUST_DOMAIN, userId, nodeId).toUri(), null,
          now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(7)), Eku.CLIENT_AUTH);
    }

    public ClientSpec withSanUri(String uri) {
      return new ClientSpec(userId, nodeId, uri, extraSanUri, notBefore, notAfter, eku);
    }

    public ClientSpec withExtraSanUri(String uri) {
      return new ClientSpec(userId, nodeId, sanUri, uri, notBefore, notAfter, eku);
    }

    public ClientSpec withValidity(Instant from, Instant to) {
      return new ClientSpec(userId, nodeId, sanUri, extraSanUri, from, to, eku);
    }

    public ClientSpec withEku(Eku value) {
      return new ClientSpec(userId, nodeId, sanUri, extraSanUri, notBefore, notAfter, value);
    }
  }

  public enum Eku { CLIENT_AUTH, SERVER_AUTH_ONLY, NONE }

  /** A certificate with its key, and the events the issuer would publish about it. */
  public record Issued(X509Certificate certificate, PrivateKey key, X509Certificate ca, ClientSpec spec) {

    public String certPem() {
      return pem(certificate);
    }

    public String keyPem() {
      return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    }

    public String serial() {
      return Fingerprints.serialHex(certificate);
    }

    public String fingerprint() {
      return Fingerprints.sha256Hex(certificate);
    }

    public CertificateIssued issued() {
      return new CertificateIssued(serial(), spec.userId(), spec.nodeId(), certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant(), KeyAlgorithm.EC_P256, KeySource.SERVER_GENERATED, CaBackend.LOCAL,
          fingerprint(), certPem(), Instant.now(), spec.userId());
    }

    public CertificateRevoked revoked() {
      return new CertificateRevoked(serial(), spec.userId(), spec.nodeId(), certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant(), fingerprint(), RevocationReason.KEY_COMPROMISE, Instant.now(),
          spec.userId());
    }
  }

  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
