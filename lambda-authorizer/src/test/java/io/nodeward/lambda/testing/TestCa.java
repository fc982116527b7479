package io.nodeward.lambda.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA (EC P-256) for the TLS on both ends of the Lambda's call: servers on 127.0.0.1 and client identities. */
public final class TestCa {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final String name;
  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestCa(String name, KeyPair keys, X509Certificate certificate) {
    this.name = name;
    this.keys = keys;
    this.certificate = certificate;
  }

  public static TestCa create(String name) {
    KeyPair keys = ecKeys();
    X500Name subject = new X500Name("CN=" + name);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new TestCa(name, keys, sign(builder, keys.getPrivate()));
  }

  public String pem() {
    return pem(certificate);
  }

  /** A TLS server certificate for 127.0.0.1 and localhost. */
  public Issued server() {
    return issue("CN=localhost", KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
  }

  /** A client certificate whose identity is the URI SAN. */
  public Issued client(String uriSan) {
    return issue("CN=lambda-authorizer", KeyPurposeId.id_kp_clientAuth,
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uriSan)));
  }

  /** A nodeward user certificate: SPIFFE URI SAN and CN=nodeId, UID=userId, as the issuer makes them. */
  public Issued user(String trustDomain, String userId, String nodeId) {
    return issue("CN=" + nodeId + ",UID=" + userId, KeyPurposeId.id_kp_clientAuth, new GeneralNames(new GeneralName(
        GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain + "/user/" + userId + "/node/" + nodeId)));
  }

  private Issued issue(String subject, KeyPurposeId purpose, GeneralNames names) {
    KeyPair leaf = ecKeys();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), serial(),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(7))), new X500Name(subject),
        leaf.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(Extension.subjectAlternativeName, false, names);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new Issued(sign(builder, keys.getPrivate()), leaf.getPrivate());
  }

  /** A certificate with its key, as PEM. */
  public record Issued(X509Certificate certificate, PrivateKey key) {
    public String certPem() {
      return pem(certificate);
    }

    public String keyPem() {
      return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
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

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
