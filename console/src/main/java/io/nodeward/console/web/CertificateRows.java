package io.nodeward.console.web;

import io.nodeward.console.domain.Certificate;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.CertificatesView;
import java.time.Instant;

/** A certificate as the pages show it. */
final class CertificateRows {

  private CertificateRows() {
  }

  static CertificatesView.Row row(Certificate c, Instant now) {
    String expires;
    if (c.notAfter() == null) {
      expires = "";
    } else if (c.notAfter().isAfter(now)) {
      expires = "expires " + Relative.from(now, c.notAfter());
    } else {
      expires = "expired " + Relative.from(now, c.notAfter());
    }
    return new CertificatesView.Row(c.serialNumber(), c.nodeId(), c.userId(), orDash(c.keyAlgorithm()),
        c.keySource() == null ? "" : "SERVER_GENERATED".equals(c.keySource()) ? "key made by the issuer" : "your CSR",
        Relative.utc(c.notBefore()), Relative.utc(c.notAfter()), expires, c.status());
  }

  private static String orDash(String value) {
    return value == null ? "—" : value;
  }
}
