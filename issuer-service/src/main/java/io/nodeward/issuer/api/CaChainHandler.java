package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/ca} (public): the CA chain as PEM (RFC 8555 §9.1 media type), what clients and gateways trust. */
final class CaChainHandler implements Handler<RoutingContext> {

  private final CertificateAuthority ca;

  CaChainHandler(CertificateAuthority ca) {
    this.ca = ca;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/pem-certificate-chain")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
        .end(Pem.certificates(ca.caChain()));
  }
}
