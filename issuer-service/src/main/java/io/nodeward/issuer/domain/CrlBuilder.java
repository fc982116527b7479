package io.nodeward.issuer.domain;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds a version 2 CRL (RFC 5280 §5) for the CA certificate {@code issuer}: its entries with their reason
 * codes, a CRL number (§5.2.3, required for conforming CRLs) and the authority key identifier (§5.2.1), so
 * relying parties such as {@code openssl verify -crl_check} match it to the CA that signed their certificate.
 */
public final class CrlBuilder {

  private CrlBuilder() {
  }

  public static X509CRL build(X509Certificate issuer, Collection<CrlEntry> entries, Instant thisUpdate,
      Instant nextUpdate, BigInteger number, ContentSigner signer) {
    if (!nextUpdate.isAfter(thisUpdate)) {
      throw new IllegalArgumentException("nextUpdate must be after thisUpdate");
    }
    X509v2CRLBuilder builder = new X509v2CRLBuilder(
        X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
    builder.setNextUpdate(Date.from(nextUpdate));
    for (CrlEntry entry : entries) {
      builder.addCRLEntry(new BigInteger(entry.serialHex(), 16), Date.from(entry.revokedAt()),
          RevocationReasons.crlReasonCode(entry.reason()));
    }
    try {
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
      return new JcaX509CRLConverter().getCRL(builder.build(signer));
    } catch (CertIOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("could not build the CRL", e);
    }
  }
}
