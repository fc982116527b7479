package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.domain.CertificateRecord;
import io.nodeward.issuer.app.CertificateInventory;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.tls.Pem;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/certificates/:serial} (any serial spelling): one certificate with its PEM and the CA chain.
 * Someone else's certificate answers 404 exactly like a serial that does not exist.
 */
final class GetCertificateHandler implements Handler<RoutingContext> {

  private final CertificateInventory inventory;
  private final CertificateAuthority ca;

  GetCertificateHandler(CertificateInventory inventory, CertificateAuthority ca) {
    this.inventory = inventory;
    this.ca = ca;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    String serial = QueryParameters.serialOf(ctx.pathParam("serial"));
    CertificateRecord found = inventory.find(principal, serial).orElseThrow(() -> IssuerProblems.unknownCertificate());
    JsonObject json = Representations.certificate(found, inventory.now());
    if (found.certificatePem() != null) {
      json.put("certificatePem", found.certificatePem());
    }
    json.put("certificateChainPem", Pem.certificates(ca.caChain()));
    Responses.json(ctx, 200, json);
  }
}
