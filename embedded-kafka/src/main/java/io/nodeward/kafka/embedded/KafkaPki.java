package io.nodeward.kafka.embedded;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away certificate authority for a Kafka whose listeners require TLS client certificates: one CA, a broker
 * certificate for 127.0.0.1 and localhost, and client certificates whose CN is the Kafka principal the broker maps
 * them to ({@code User:<CN>}). EC P-256, valid for a day. For tests and a development stack only.
 */
public final class KafkaPki {

  /** A certificate and its private key, both PEM (the key unencrypted PKCS#8, as Kafka's PEM key store reads it). */
  public record Identity(String principal, String certificatePem, String keyPem) {
    @Override
    public String toString() {
      return "Identity[" + principal + "]";
    }
  }

  private static final Duration VALIDITY = Duration.ofDays(1);
  private final KeyPair caKey;
  private final X509CertificateHolder caCertificate;
  private final SecureRandom random = new SecureRandom();

  private KafkaPki(KeyPair caKey, X509CertificateHolder caCertificate) {
    this.caKey = caKey;
    this.caCertificate = caCertificate;
  }

  public static KafkaPki create() {
    KeyPair key = ecKey();
    X500Name name = new X500Name("CN=nodeward kafka test CA");
    Instant now = Instant.now();
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
          Date.from(now.minusSeconds(60)), Date.from(now.plus(VALIDITY)), name, key.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new KafkaPki(key, builder.build(signer(key)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CA certificate: what brokers and clients trust. */
  public String caPem() {
    return pem(new PemObject("CERTIFICATE", encoded(caCertificate)));
  }

  /** The broker's certificate: server and client use (brokers talk to the controller over the same TLS). */
  public Identity broker(String principal) {
    return issue(principal, true);
  }

  /** A client certificate; the broker sees its holder as {@code User:<principal>}. */
  public Identity client(String principal) {
    return issue(principal, false);
  }

  private Identity issue(String principal, boolean server) {
    if (!principal.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("a principal is letters, digits, '.', '_', '-'");
    }
    KeyPair key = ecKey();
    Instant now = Instant.now();
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate.getSubject(),
          new BigInteger(64, random).add(BigInteger.TWO), Date.from(now.minusSeconds(60)), Date.from(now.plus(VALIDITY)),
          new X500Name("CN=" + principal), key.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, server
          ? new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
          : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      if (server) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
      }
      X509CertificateHolder certificate = builder.build(signer(caKey));
      String chain = pem(new PemObject("CERTIFICATE", encoded(certificate)));
      String keyPem = pem(new PemObject("PRIVATE KEY", key.getPrivate().getEncoded()));
      return new Identity(principal, chain, keyPem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair ecKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static org.bouncycastle.operator.ContentSigner signer(KeyPair key) {
    try {
      return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(X509CertificateHolder certificate) {
    try {
      return certificate.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(PemObject object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
