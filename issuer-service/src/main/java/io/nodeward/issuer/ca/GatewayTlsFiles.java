package io.nodeward.issuer.ca;

import io.nodeward.events.KeyAlgorithm;
import io.nodeward.issuer.app.ServerCertificateSigner;
import io.nodeward.issuer.domain.KeyPairs;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.tls.Pem;
import io.nodeward.kit.tls.PrivateFiles;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The files the authorizer's gateway needs when nodeward's local CA also vouches for the gateway (embedded
 * stack, compose): its server certificate and key, and the CA chain it trusts for client certificates. Kept in
 * one directory, renewed when the certificate nears expiry or no longer chains to the CA.
 */
public final class GatewayTlsFiles {

  public static final String CERT_FILE = "gateway-cert.pem";
  public static final String KEY_FILE = "gateway-key.pem";
  public static final String CHAIN_FILE = CaChainFile.FILE_NAME;
  private static final Duration VALIDITY = Duration.ofDays(90);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  /**
   * Where and for which names: NODEWARD_ISSUER_GATEWAY_TLS_DIR (unset = do nothing) and
   * NODEWARD_ISSUER_GATEWAY_TLS_NAMES (localhost,127.0.0.1: host names and IP addresses the gateway answers on).
   */
  public record Settings(Path dir, List<String> hostNames, List<InetAddress> addresses) {

    public static Settings fromEnv(Env env) {
      Path dir = env.path("NODEWARD_ISSUER_GATEWAY_TLS_DIR", null);
      ServerNames names = ServerNames.parse("NODEWARD_ISSUER_GATEWAY_TLS_NAMES",
          env.list("NODEWARD_ISSUER_GATEWAY_TLS_NAMES", "localhost,127.0.0.1"));
      return new Settings(dir, names.hostNames(), names.addresses());
    }

    public static Settings loopback(Path dir) {
      ServerNames names = ServerNames.parse("loopback", List.of("localhost", "127.0.0.1"));
      return new Settings(dir, names.hostNames(), names.addresses());
    }
  }

  private GatewayTlsFiles() {
  }

  /**
   * Blocking (key generation, signing, file I/O): call from a worker. {@code caChain} is what the gateway trusts
   * and what the server certificate must chain to.
   */
  public static void ensure(ServerCertificateSigner signer, List<X509Certificate> caChain, Settings settings)
      throws Exception {
    Path dir = settings.dir();
    Files.createDirectories(dir);
    Path certFile = dir.resolve(CERT_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    Files.writeString(dir.resolve(CHAIN_FILE), Pem.certificates(caChain));
    if (Files.exists(certFile) && Files.exists(keyFile) && stillGood(caChain, certFile, settings)) {
      return;
    }
    KeyPair key = KeyPairs.generate(KeyAlgorithm.EC_P256, new SecureRandom());
    X509Certificate cert = signer.signServerCertificate(key.getPublic(), settings.hostNames(), settings.addresses(),
        VALIDITY);
    Files.deleteIfExists(keyFile);
    PrivateFiles.createOwnerOnly(keyFile, Pem.privateKey(key.getPrivate()));
    Files.writeString(certFile, Pem.write(cert));
  }

  private static boolean stillGood(List<X509Certificate> caChain, Path certFile, Settings settings) {
    try {
      X509Certificate cert = Pem.readCertificate(Files.readString(certFile));
      cert.verify(caChain.get(0).getPublicKey());
      long names = cert.getSubjectAlternativeNames().size();
      return names == settings.hostNames().size() + settings.addresses().size()
          && cert.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
    } catch (Exception e) {
      return false; // unreadable, from another CA, or expiring: issue a new one
    }
  }

}
