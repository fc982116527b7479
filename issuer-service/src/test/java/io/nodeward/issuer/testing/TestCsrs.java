package io.nodeward.issuer.testing;

import io.nodeward.kit.tls.Pem;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Real key pairs and CSRs, including hostile ones, for tests. */
public final class TestCsrs {

  private TestCsrs() {
  }

  public static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String signatureAlgorithm(KeyPair pair) {
    return "EC".equals(pair.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
  }

  public static PKCS10CertificationRequest csr(KeyPair pair, String subject, String sanUri, String signatureAlgorithm) {
    try {
      JcaPKCS10CertificationRequestBuilder builder =
          new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic());
      if (sanUri != null) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      return builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String csrPem(KeyPair pair) {
    return Pem.write(csr(pair, "CN=client", null, signatureAlgorithm(pair)));
  }

  public static String csrPem(KeyPair pair, String subject, String sanUri) {
    return Pem.write(csr(pair, subject, sanUri, signatureAlgorithm(pair)));
  }

  /** A CSR whose signature no longer matches its content: one byte of the signature flipped. */
  public static String tamperedCsrPem(KeyPair pair) {
    byte[] der;
    try {
      der = csr(pair, "CN=client", null, signatureAlgorithm(pair)).getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    der[der.length - 5] ^= 0x01;
    return "-----BEGIN CERTIFICATE REQUEST-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END CERTIFICATE REQUEST-----\n";
  }
}
