package io.nodeward.issuer.domain;

import io.nodeward.events.CertificateIdentity;
import io.nodeward.events.KeyAlgorithm;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds a nodeward client certificate from the profile, the identity nodeward decided, and the subject's
 * public key. Nothing a caller wrote (CSR subject, SANs, extensions) reaches it.
 */
public final class ClientCertificateBuilder {

  private ClientCertificateBuilder() {
  }

  /**
   * The subject: O=nodeward, UID=userId, CN=nodeId, built attribute by attribute (never parsed from a string)
   * from identifiers that already passed their strict patterns, so no DN injection is possible.
   */
  public static X500Name subject(CertificateProfile profile, CertificateIdentity identity) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, profile.organization())
        .addRDN(BCStyle.UID, identity.userId())
        .addRDN(BCStyle.CN, identity.nodeId())
        .build();
  }

  /** The one SAN: the SPIFFE URI the authorizer treats as authoritative. */
  public static GeneralNames subjectAlternativeNames(CertificateIdentity identity) {
    return new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, identity.toUri()));
  }

  public static X509Certificate build(CertificateProfile profile, CertificateIdentity identity, PublicKey subjectKey,
      KeyAlgorithm keyAlgorithm, ValidityWindow window, BigInteger serial, X509Certificate issuer, ContentSigner signer) {
    return build(profile, identity, subjectKey, keyAlgorithm, window, serial, issuer, signer, null);
  }

  /**
   * @param crlDistributionPoint where relying parties fetch this CA's CRL (RFC 5280 §4.2.1.13), or null for none
   */
  public static X509Certificate build(CertificateProfile profile, CertificateIdentity identity, PublicKey subjectKey,
      KeyAlgorithm keyAlgorithm, ValidityWindow window, BigInteger serial, X509Certificate issuer, ContentSigner signer,
      java.net.URI crlDistributionPoint) {
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), serial,
          Date.from(window.notBefore()), Date.from(window.notAfter()), subject(profile, identity), subjectKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, keyUsage(profile, keyAlgorithm))
          // RFC 5280 §4.2.1.12: clientAuth only, so a leaked certificate cannot serve TLS or sign code.
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
          // The subject DN is not empty, so the SAN is not critical (RFC 5280 §4.2.1.6).
          .addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(identity))
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
      if (crlDistributionPoint != null) {
        builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoints(crlDistributionPoint));
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (CertificateException | java.security.NoSuchAlgorithmException | java.io.IOException e) {
      throw new IllegalStateException("could not build the client certificate", e);
    }
  }

  private static CRLDistPoint distributionPoints(java.net.URI url) {
    GeneralNames name = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url.toString()));
    return new CRLDistPoint(new DistributionPoint[] {
        new DistributionPoint(new DistributionPointName(name), null, null)});
  }

  private static KeyUsage keyUsage(CertificateProfile profile, KeyAlgorithm keyAlgorithm) {
    int bits = KeyUsage.digitalSignature;
    if (profile.keyEncipherment(keyAlgorithm)) {
      bits |= KeyUsage.keyEncipherment;
    }
    return new KeyUsage(bits);
  }
}
