package io.nodeward.stack;

import io.nodeward.issuer.ca.LocalCa;
import io.nodeward.kit.tls.Pem;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The gateway's TLS server certificate in the embedded stack: issued by nodeward's local CA for localhost and
 * 127.0.0.1, kept under the data directory and renewed when it nears expiry, so clients verify the gateway
 * with the same CA chain (GET /v1/ca) that signs their own certificates.
 */
final class GatewayTls {

  static final String CERT_FILE = "gateway-cert.pem";
  static final String KEY_FILE = "gateway-key.pem";
  private static final Duration VALIDITY = Duration.ofDays(90);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private GatewayTls() {
  }

  /** Blocking (key generation, signing, file I/O): call from a worker. */
  static void ensure(LocalCa ca, Path dir) throws Exception {
    Path certFile = dir.resolve(CERT_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    if (Files.exists(certFile) && Files.exists(keyFile) && stillGood(ca, certFile)) {
      return;
    }
    Files.createDirectories(dir);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    X509Certificate cert = ca.signServerCertificate(key.getPublic(), List.of("localhost"),
        List.of(InetAddress.getByName("127.0.0.1")), VALIDITY);
    writePrivate(keyFile, Pem.privateKey(key.getPrivate()));
    Files.writeString(certFile, Pem.write(cert));
  }

  private static boolean stillGood(LocalCa ca, Path certFile) {
    try {
      X509Certificate cert = Pem.readCertificate(Files.readString(certFile));
      cert.verify(ca.caChain().get(0).getPublicKey());
      return cert.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
    } catch (Exception e) {
      return false; // unreadable, foreign CA or expiring: issue a new one
    }
  }

  private static void writePrivate(Path file, String pem) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, pem);
  }
}
