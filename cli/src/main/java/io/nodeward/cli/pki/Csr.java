package io.nodeward.cli.pki;

import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 request (RFC 2986) for a key made here: it proves possession of the key; the issuer takes the
 * identity from the signed-in user and the node, not from the subject, so the subject only names the node.
 */
public final class Csr {

  private Csr() {
  }

  public static String pem(KeyPair pair, KeyType type, String nodeId) {
    try {
      byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + nodeId), pair.getPublic())
          .build(new JcaContentSignerBuilder(type.signatureAlgorithm()).build(pair.getPrivate()))
          .getEncoded();
      return Pem.encode("CERTIFICATE REQUEST", der);
    } catch (OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("could not sign the certificate request", e);
    }
  }
}
