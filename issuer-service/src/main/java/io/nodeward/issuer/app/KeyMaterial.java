package io.nodeward.issuer.app;

import io.nodeward.events.KeyAlgorithm;
import io.nodeward.events.KeySource;
import io.nodeward.issuer.domain.CertificateProfile;
import io.nodeward.issuer.domain.ClientCertificateBuilder;
import io.nodeward.issuer.domain.CryptoProviders;
import io.nodeward.issuer.domain.CsrInspector;
import io.nodeward.issuer.domain.InspectedCsr;
import io.nodeward.issuer.domain.KeyPairs;
import io.nodeward.events.CertificateIdentity;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The subject key of a certificate being issued: the caller's (from a verified CSR) or one generated here.
 * {@code privateKey} is set only for generated keys; it is handed to the caller once and kept nowhere.
 */
record KeyMaterial(PublicKey publicKey, KeyAlgorithm algorithm, KeySource source, PKCS10CertificationRequest csr,
    PrivateKey privateKey) {

  /** Blocking (signature verification): run on a worker. */
  static KeyMaterial fromCsr(String csrPem) {
    InspectedCsr csr = CsrInspector.inspect(csrPem);
    return new KeyMaterial(csr.publicKey(), csr.keyAlgorithm(), KeySource.CLIENT_CSR, csr.csr(), null);
  }

  /** A renewal onto the key the renewed certificate already certifies (proved over mutual TLS); no CSR. */
  static KeyMaterial reuse(PublicKey key, KeySource source) {
    return new KeyMaterial(key, KeyPairs.classify(key), source, null, null);
  }

  /**
   * Blocking (RSA key generation takes tens to hundreds of milliseconds): run on a worker. With
   * {@code needsCsr} a CSR carrying nodeward's identity is signed with the new key, for CAs that sign CSRs only.
   */
  static KeyMaterial generate(KeyAlgorithm algorithm, SecureRandom random, boolean needsCsr, CertificateProfile profile,
      CertificateIdentity identity) {
    KeyPair pair = KeyPairs.generate(algorithm, random);
    PKCS10CertificationRequest csr = needsCsr ? csr(pair, algorithm, profile, identity) : null;
    return new KeyMaterial(pair.getPublic(), algorithm, KeySource.SERVER_GENERATED, csr, pair.getPrivate());
  }

  private static JcaContentSignerBuilder signer(KeyAlgorithm algorithm) {
    return KeyPairs.isRsa(algorithm)
        ? new JcaContentSignerBuilder("SHA256withRSA")
        : new JcaContentSignerBuilder("SHA256withECDSA").setProvider(CryptoProviders.BOUNCY_CASTLE);
  }

  private static PKCS10CertificationRequest csr(KeyPair pair, KeyAlgorithm algorithm, CertificateProfile profile,
      CertificateIdentity identity) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.subjectAlternativeName, false,
          ClientCertificateBuilder.subjectAlternativeNames(identity));
      return new JcaPKCS10CertificationRequestBuilder(ClientCertificateBuilder.subject(profile, identity), pair.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(signer(algorithm).build(pair.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException("could not build a CSR for the generated key", e);
    }
  }
}
