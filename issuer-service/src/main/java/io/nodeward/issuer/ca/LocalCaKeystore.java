package io.nodeward.issuer.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local CA's key and self-signed certificate in a PKCS#12 keystore, created on first start. Blocking
 * file and key work: call from a worker.
 */
final class LocalCaKeystore {

  static final String FILE_NAME = "ca.p12";
  static final String ALIAS = "nodeward-ca";
  static final Duration CA_VALIDITY = Duration.ofDays(3650);

  record Material(PrivateKey key, X509Certificate certificate) {
  }

  private LocalCaKeystore() {
  }

  static Material loadOrCreate(Path directory, char[] password, Clock clock) {
    Path file = directory.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return load(file, password);
      }
      Files.createDirectories(directory);
      Material material = create(clock);
      store(file, password, material);
      return material;
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the CA keystore " + file, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      // Wrong password lands here too; the message never includes it.
      throw new IllegalStateException("could not open the CA keystore " + file + ": " + e.getMessage(), e);
    }
  }

  private static Material load(Path file, char[] password) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      keyStore.load(in, password);
    }
    PrivateKey key = (PrivateKey) keyStore.getKey(ALIAS, password);
    Certificate certificate = keyStore.getCertificate(ALIAS);
    if (key == null || !(certificate instanceof X509Certificate x509)) {
      throw new GeneralSecurityException("no CA key entry '" + ALIAS + "'");
    }
    return new Material(key, x509);
  }

  private static Material create(Clock clock) throws GeneralSecurityException, OperatorCreationException, IOException {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair pair = generator.generateKeyPair();
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    // A per-installation name, so two dev stacks' CAs are told apart in a chain dump.
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "nodeward")
        .addRDN(BCStyle.CN, "nodeward local CA " + HexFormat.of().formatHex(suffix))
        .build();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, random).setBit(126),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic());
    // pathLen 0: this CA signs end-entity certificates only, never another CA (RFC 5280 §4.2.1.9).
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
    X509Certificate certificate = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    return new Material(pair.getPrivate(), certificate);
  }

  private static void store(Path file, char[] password, Material material) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry(ALIAS, material.key(), password, new Certificate[] {material.certificate()});
    Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    try {
      restrictToOwner(temporary);
      try (OutputStream out = Files.newOutputStream(temporary)) {
        keyStore.store(out, password);
      }
      // Atomic: a crash mid-write must not leave a truncated keystore that the next start cannot read.
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void restrictToOwner(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: rely on the data directory's permissions.
    }
  }
}
