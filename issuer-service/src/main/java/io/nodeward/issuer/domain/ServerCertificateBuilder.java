package io.nodeward.issuer.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
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
 * Builds the gateway's TLS server certificate (EKU serverAuth only) for the names clients dial. Used where
 * nodeward's own CA also vouches for the gateway: the embedded stack and the compose set-up.
 */
public final class ServerCertificateBuilder {

  /** RFC 1123 host names only: no wildcards, nothing a client could match more widely than meant. */
  private static final Pattern HOST_NAME =
      Pattern.compile("(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

  private ServerCertificateBuilder() {
  }

  public static GeneralNames subjectAlternativeNames(List<String> hostNames, List<InetAddress> addresses) {
    List<GeneralName> names = new ArrayList<>();
    for (String host : hostNames) {
      if (!HOST_NAME.matcher(host).matches()) {
        throw new IllegalArgumentException("not a host name: " + host);
      }
      names.add(new GeneralName(GeneralName.dNSName, host));
    }
    for (InetAddress address : addresses) {
      names.add(new GeneralName(GeneralName.iPAddress, address.getHostAddress()));
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs at least one name");
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  public static X509Certificate build(List<String> hostNames, List<InetAddress> addresses, PublicKey subjectKey,
      ValidityWindow window, BigInteger serial, X509Certificate issuer, ContentSigner signer) {
    GeneralNames names = subjectAlternativeNames(hostNames, addresses);
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.O, "nodeward")
          .addRDN(BCStyle.CN, hostNames.isEmpty() ? addresses.get(0).getHostAddress() : hostNames.get(0))
          .build();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), serial,
          Date.from(window.notBefore()), Date.from(window.notAfter()), subject, subjectKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, names)
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (CertificateException | java.security.NoSuchAlgorithmException | java.io.IOException e) {
      throw new IllegalStateException("could not build the server certificate", e);
    }
  }
}
