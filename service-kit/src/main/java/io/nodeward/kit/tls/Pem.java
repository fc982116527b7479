package io.nodeward.kit.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM in and out for certificates, chains, private keys and CSRs (RFC 7468), via BouncyCastle. */
public final class Pem {

  private Pem() {
  }

  /** Certificates, CSRs and other objects BouncyCastle knows; private keys always as PKCS#8 ({@link #privateKey}). */
  public static String write(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        if (object instanceof PrivateKey key) {
          writer.flush();
          out.write(privateKey(key));
        } else {
          writer.writeObject(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * A private key as unencrypted PKCS#8 ("BEGIN PRIVATE KEY", RFC 5958), the one form every TLS stack reads;
   * {@link #write} would give EC keys the SEC1 form, which some (Vert.x's PEM loader) reject.
   */
  public static String privateKey(PrivateKey key) {
    String body = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  public static String certificates(List<X509Certificate> chain) {
    return write(chain.toArray());
  }

  /** Every certificate in a PEM text, in order; anything else in it is an error. */
  public static List<X509Certificate> readCertificates(String pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (!(object instanceof X509CertificateHolder holder)) {
          throw new IllegalArgumentException("PEM holds something other than a certificate");
        }
        certificates.add(converter.getCertificate(holder));
      }
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate", e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificate in PEM");
    }
    return certificates;
  }

  public static X509Certificate readCertificate(String pem) {
    return readCertificates(pem).get(0);
  }

  public static PrivateKey readPrivateKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IllegalArgumentException("PEM holds no unencrypted private key");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM private key", e);
    }
  }

  public static PKCS10CertificationRequest readCsr(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (object instanceof PKCS10CertificationRequest csr) {
        return csr;
      }
      throw new IllegalArgumentException("PEM holds no certificate request");
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a PEM certificate request", e);
    }
  }
}
