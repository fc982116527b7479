package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code GET /v1/certificates/:serial} (any serial spelling): one certificate with its PEM and the CA chain.
 * Someone else's certificate answers 404 exactly like a serial that does not exist.
 */
final class GetCertificateHandler implements Handler<RoutingContext> {

  private final CertificateRegistry certificates;
  private final CertificateAuthority ca;
  private final Clock clock;

  GetCertificateHandler(CertificateRegistry certificates, CertificateAuthority ca, Clock clock) {
    this.certificates = certificates;
    this.ca = ca;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    String serial = QueryParameters.serialOf(ctx.pathParam("serial"));
    CertificateRecord found = certificates.find(serial)
        .filter(c -> c.visibleTo(principal.userId(), principal.isAdmin()))
        .orElseThrow(() -> IssuerProblems.unknownCertificate());
    JsonObject json = Representations.certificate(found, clock.instant());
    if (found.certificatePem() != null) {
      json.put("certificatePem", found.certificatePem());
    }
    json.put("certificateChainPem", Pem.certificates(ca.caChain()));
    Responses.json(ctx, 200, json);
  }
}
