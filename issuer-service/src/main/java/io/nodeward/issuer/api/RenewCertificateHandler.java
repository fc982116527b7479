package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CertificateRenewal;
import io.nodeward.issuer.domain.CsrInspector;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * {@code POST /v1/certificates/renew} on the mutual-TLS listener: {@code {csrPem?, validityHours? |
 * validityMinutes?}} → 201 as issuance, plus {@code renews}. Authenticated by the TLS client certificate being
 * renewed, never by a token: an unattended node needs no one's credentials.
 */
final class RenewCertificateHandler implements Handler<RoutingContext> {

  private static final Set<String> FIELDS = Set.of("csrPem", "validityHours", "validityMinutes");

  private final CertificateRenewal renewal;

  RenewCertificateHandler(CertificateRenewal renewal) {
    this.renewal = renewal;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonBody body = JsonBody.parse(ctx, FIELDS, true);
    CertificateRenewal.Request request = new CertificateRenewal.Request(presented(ctx),
        body.string("csrPem", CsrInspector.MAX_PEM_CHARS), body.integer("validityHours"), body.integer("validityMinutes"));
    renewal.renew(request)
        .onSuccess(issued -> Responses.json(ctx, 201, Representations.issued(issued)))
        .onFailure(e -> IssuerProblems.fail(ctx, e));
  }

  /** The client's certificate chain, leaf first; empty when the client sent none (the listener only requests one). */
  private static List<X509Certificate> presented(RoutingContext ctx) {
    try {
      List<Certificate> chain = ctx.request().connection().peerCertificates();
      return chain == null ? List.of()
          : chain.stream().filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }
}
