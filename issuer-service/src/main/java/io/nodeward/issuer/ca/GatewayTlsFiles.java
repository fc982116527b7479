package io.nodeward.issuer.ca;

import io.nodeward.events.KeyAlgorithm;
import io.nodeward.issuer.domain.KeyPairs;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.tls.Pem;
import io.nodeward.kit.tls.PrivateFiles;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
      List<String> hosts = new ArrayList<>();
      List<InetAddress> addresses = new ArrayList<>();
      for (String name : env.list("NODEWARD_ISSUER_GATEWAY_TLS_NAMES", "localhost,127.0.0.1")) {
        if (name.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*")) {
          addresses.add(literalAddress(name));
        } else {
          hosts.add(name.toLowerCase());
        }
      }
      return new Settings(dir, hosts, addresses);
    }

    public static Settings loopback(Path dir) {
      return new Settings(dir, List.of("localhost"), List.of(literalAddress("127.0.0.1")));
    }

    private static InetAddress literalAddress(String literal) {
      try {
        return InetAddress.getByName(literal); // a literal: no lookup happens
      } catch (UnknownHostException e) {
        throw new io.nodeward.kit.config.ConfigException("NODEWARD_ISSUER_GATEWAY_TLS_NAMES", "bad address " + literal);
      }
    }
  }

  private GatewayTlsFiles() {
  }

  /** Blocking (key generation, signing, file I/O): call from a worker. */
  public static void ensure(LocalCa ca, Settings settings) throws Exception {
    Path dir = settings.dir();
    Files.createDirectories(dir);
    Path certFile = dir.resolve(CERT_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    Files.writeString(dir.resolve(CHAIN_FILE), Pem.certificates(ca.caChain()));
    if (Files.exists(certFile) && Files.exists(keyFile) && stillGood(ca, certFile, settings)) {
      return;
    }
    KeyPair key = KeyPairs.generate(KeyAlgorithm.EC_P256, new SecureRandom());
    X509Certificate cert = ca.signServerCertificate(key.getPublic(), settings.hostNames(), settings.addresses(), VALIDITY);
    Files.deleteIfExists(keyFile);
    PrivateFiles.createOwnerOnly(keyFile, Pem.privateKey(key.getPrivate()));
    Files.writeString(certFile, Pem.write(cert));
  }

  private static boolean stillGood(LocalCa ca, Path certFile, Settings settings) {
    try {
      X509Certificate cert = Pem.readCertificate(Files.readString(certFile));
      cert.verify(ca.caChain().get(0).getPublicKey());
      long names = cert.getSubjectAlternativeNames().size();
      return names == settings.hostNames().size() + settings.addresses().size()
          && cert.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
    } catch (Exception e) {
      return false; // unreadable, from another CA, or expiring: issue a new one
    }
  }

}
