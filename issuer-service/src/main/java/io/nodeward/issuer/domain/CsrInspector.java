package io.nodeward.issuer.domain;

import io.nodeward.events.IssuanceRefusal;
import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Checks a caller's PKCS#10 request (RFC 2986): exactly one CSR in the PEM, a signature that verifies with
 * the enclosed key (proof of possession), a SHA-2 signature algorithm and a strong key. Everything else the
 * CSR claims (subject, SANs, extensions) is deliberately not read.
 */
public final class CsrInspector {

  /** A CSR for a 4096-bit RSA key is about 1.7 KB of PEM; anything far bigger is not a client CSR. */
  public static final int MAX_PEM_CHARS = 16 * 1024;

  private static final Set<ASN1ObjectIdentifier> SIGNATURE_ALGORITHMS = Set.of(
      PKCSObjectIdentifiers.sha256WithRSAEncryption,
      PKCSObjectIdentifiers.sha384WithRSAEncryption,
      PKCSObjectIdentifiers.sha512WithRSAEncryption,
      PKCSObjectIdentifiers.id_RSASSA_PSS,
      X9ObjectIdentifiers.ecdsa_with_SHA256,
      X9ObjectIdentifiers.ecdsa_with_SHA384,
      X9ObjectIdentifiers.ecdsa_with_SHA512,
      NISTObjectIdentifiers.id_ecdsa_with_sha3_256);

  private CsrInspector() {
  }

  public static InspectedCsr inspect(String pem) {
    PKCS10CertificationRequest csr = parse(pem);
    // BouncyCastle key objects: verified by the same provider without a per-request key conversion.
    JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr).setProvider(CryptoProviders.BOUNCY_CASTLE);
    PublicKey publicKey;
    try {
      publicKey = jca.getPublicKey();
    } catch (Exception e) {
      throw invalid("the CSR's public key cannot be read");
    }
    if (!SIGNATURE_ALGORITHMS.contains(csr.getSignatureAlgorithm().getAlgorithm())) {
      throw invalid("the CSR must be signed with a SHA-2 RSA or ECDSA signature");
    }
    verifySignature(csr, publicKey);
    return new InspectedCsr(csr, publicKey, KeyPairs.classify(publicKey));
  }

  private static PKCS10CertificationRequest parse(String pem) {
    if (pem == null || pem.isBlank() || pem.length() > MAX_PEM_CHARS) {
      throw invalid("csrPem must be one PEM-encoded PKCS#10 request of at most " + MAX_PEM_CHARS + " characters");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object first = parser.readObject();
      if (!(first instanceof PKCS10CertificationRequest csr) || parser.readObject() != null) {
        throw invalid("csrPem must hold exactly one PKCS#10 certificate request");
      }
      return csr;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IssuanceRefusedException refused) {
        throw refused;
      }
      throw invalid("csrPem is not a PEM-encoded PKCS#10 certificate request");
    }
  }

  private static void verifySignature(PKCS10CertificationRequest csr, PublicKey publicKey) {
    boolean valid;
    try {
      valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
          .setProvider(CryptoProviders.BOUNCY_CASTLE).build(publicKey));
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw invalid("the CSR's signature does not verify with its public key");
    }
  }

  private static IssuanceRefusedException invalid(String detail) {
    return new IssuanceRefusedException(IssuanceRefusal.INVALID_CSR, detail);
  }
}
