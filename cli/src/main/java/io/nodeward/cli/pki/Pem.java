package io.nodeward.cli.pki;

import io.nodeward.cli.core.CliFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** PEM in and out: certificates, chains and private keys (PKCS#8 written; PKCS#8, SEC1 and PKCS#1 read). */
public final class Pem {

  private Pem() {
  }

  public static String encode(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /** PKCS#8 ("BEGIN PRIVATE KEY"): what OpenSSL 3, curl, Vert.x and the JDK all read. */
  public static String privateKey(PrivateKey key) {
    return encode("PRIVATE KEY", key.getEncoded());
  }

  public static String certificate(X509Certificate certificate) {
    try {
      return encode("CERTIFICATE", certificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<X509Certificate> certificates(String pem, String what) {
    try {
      @SuppressWarnings("unchecked")
      List<X509Certificate> certificates = (List<X509Certificate>) CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (certificates.isEmpty()) {
        throw new CertificateException("no certificate");
      }
      return certificates;
    } catch (CertificateException | ClassCastException e) {
      throw CliFailure.failed("INVALID_CERTIFICATE", what + " holds no PEM certificate.");
    }
  }

  public static List<X509Certificate> readCertificates(Path file) {
    return certificates(read(file, "certificate"), file.toString());
  }

  public static PrivateKey readPrivateKey(Path file) {
    return privateKey(read(file, "private key"), file.toString());
  }

  public static PrivateKey privateKey(String pem, String what) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw CliFailure.failed("ENCRYPTED_KEY", what + " is encrypted; give an unencrypted key (mode 600).");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CliFailure failure) {
        throw failure;
      }
    }
    throw CliFailure.failed("INVALID_KEY", what + " holds no PEM private key.");
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw CliFailure.failed("FILE_NOT_FOUND", "No " + what + " file at " + file + ".");
    } catch (IOException e) {
      throw CliFailure.failed("CANNOT_READ", "Cannot read " + file + ": " + e.getMessage() + ".");
    }
  }
}
