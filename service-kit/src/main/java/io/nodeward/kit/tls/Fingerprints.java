package io.nodeward.kit.tls;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** The identifiers nodeward derives from a certificate: SHA-256 fingerprint and serial as lower-case hex. */
public final class Fingerprints {

  private Fingerprints() {
  }

  public static String sha256Hex(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serial as in events: lower-case hex, no leading zeros (BigInteger#toString(16)). */
  public static String serialHex(BigInteger serial) {
    return serial.toString(16);
  }

  public static String serialHex(X509Certificate certificate) {
    return serialHex(certificate.getSerialNumber());
  }
}
