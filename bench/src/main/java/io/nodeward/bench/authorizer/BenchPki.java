package io.nodeward.bench.authorizer;

import io.nodeward.events.CaBackend;
import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.CertificateIssued;
import io.nodeward.events.CertificateRevoked;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.events.RevocationReason;
import io.nodeward.kit.tls.Fingerprints;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** A throw-away EC P-256 CA for benchmarks: nodeward client certificates and a server certificate for 127.0.0.1. */
public final class BenchPki {

  public static final String TRUST_DOMAIN = "nodeward.local";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair caKeys;
  private final X509Certificate ca;

  public BenchPki() throws Exception {
    caKeys = keys();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=nodeward bench CA");
    ca = sign(new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(30))), name, caKeys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
  }

  public record Issued(X509Certificate certificate, PrivateKey key, String userId, String nodeId) {

    public String certPem() {
      return pem("CERTIFICATE", encoded(certificate));
    }

    public String keyPem() {
      return pem("PRIVATE KEY", key.getEncoded());
    }

    public String serial() {
      return Fingerprints.serialHex(certificate);
    }

    public CertificateIssued issued() {
      return new CertificateIssued(serial(), userId, nodeId, certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant(), KeyAlgorithm.EC_P256, KeySource.SERVER_GENERATED, CaBackend.LOCAL,
          Fingerprints.sha256Hex(certificate), certPem(), Instant.now(), userId);
    }

    public CertificateRevoked revoked() {
      return new CertificateRevoked(serial(), userId, nodeId, certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant(), Fingerprints.sha256Hex(certificate),
          RevocationReason.KEY_COMPROMISE, Instant.now(), userId);
    }

    /** Writes {@code <name>.pem} and {@code <name>.key} into {@code dir}. */
    public void write(Path dir, String name) throws Exception {
      Files.writeString(dir.resolve(name + ".pem"), certPem());
      Files.writeString(dir.resolve(name + ".key"), keyPem());
    }
  }

  public String caPem() {
    return pem("CERTIFICATE", encoded(ca));
  }

  public Issued client(String userId, String nodeId) throws Exception {
    KeyPair keys = keys();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=nodeward bench CA"), serial(),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(7))),
        new X500Name("CN=" + nodeId + ",UID=" + userId), keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
            GeneralName.uniformResourceIdentifier, new CertificateIdentity(TRUST_DOMAIN, userId, nodeId).toUri())));
    return new Issued(sign(builder), keys.getPrivate(), userId, nodeId);
  }

  public Issued server() throws Exception {
    KeyPair keys = keys();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=nodeward bench CA"), serial(),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(7))),
        new X500Name("CN=localhost"), keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    return new Issued(sign(builder), keys.getPrivate(), null, null);
  }

  private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
