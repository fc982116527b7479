package io.nodeward.console.web.view;

import java.util.List;

/** The certificate inventory: filters, one page of certificates, and the way to the next page. */
public record CertificatesView(Chrome chrome, List<String> nodeIds, String nodeId, String status, List<Row> rows,
    String nextPage, String firstPage, boolean showOwner) {

  /** One certificate as a table row. */
  public record Row(String serial, String nodeId, String ownerUserId, String keyAlgorithm, String keySource,
      String notBefore, String notAfter, String expires, String status) {
  }

  public static final List<String> STATUSES = List.of("active", "revoked", "expired");
}
