package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CrlPublication;
import io.nodeward.kit.http.Problems;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * {@code GET /v1/crl} (public): the CA's CRL, DER ({@code application/pkix-crl}, RFC 5280 §5 and RFC 2585), or
 * PEM with {@code Accept: application/x-pem-file}. With ACM PCA, which publishes its own CRL, a redirect to it
 * when its URL is configured, else a 404 saying so.
 */
final class CrlHandler implements Handler<RoutingContext> {

  static final String DER_TYPE = "application/pkix-crl";
  static final String PEM_TYPE = "application/x-pem-file";

  private final CrlPublication publication;
  private final URI externalCrl;

  /** Exactly one of the two is set: this issuer signs its CRL, or another party publishes it. */
  CrlHandler(CrlPublication publication, URI externalCrl) {
    this.publication = publication;
    this.externalCrl = externalCrl;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (publication == null) {
      if (externalCrl != null) {
        ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, externalCrl.toString()).end();
        return;
      }
      throw Problems.notFound("CRL_PUBLISHED_BY_ACM_PCA",
          "ACM Private CA publishes this CA's CRL itself; use the CRL distribution point in your certificate.");
    }
    CrlPublication.Published crl = publication.current();
    boolean pem = wantsPem(ctx.request().getHeader(HttpHeaders.ACCEPT));
    String etag = "\"" + crl.number().toString(16) + (pem ? "-pem" : "-der") + "\"";
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, pem ? PEM_TYPE : DER_TYPE)
        // Revalidate every time: a revocation replaces the list within a second, long before nextUpdate.
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().end(pem ? Buffer.buffer(crl.pem()) : Buffer.buffer(crl.der()));
  }

  private static boolean wantsPem(String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(PEM_TYPE);
  }
}
