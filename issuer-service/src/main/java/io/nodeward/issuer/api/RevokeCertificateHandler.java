package io.nodeward.issuer.api;

import io.nodeward.events.RevocationReason;
import io.nodeward.issuer.app.CertificateInventory;
import io.nodeward.issuer.app.CertificateRevocation;
import io.nodeward.issuer.domain.RevocationReasons;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code POST /v1/certificates/:serial/revoke {reason?}} (owner or admin) → 200 with the certificate's state and
 * {@code propagation: {confirmedBy, pending}} once every live authorizer instance applied the revocation, or 202
 * naming the instances still pending when the wait timed out (revoked all the same; asking again re-checks).
 * The serial may be spelled as people copy it (any case, leading zeros, colons); the reason in nodeward's,
 * RFC 5280's or kebab-case spelling.
 * Someone else's certificate answers 404, exactly like a serial that does not exist.
 */
final class RevokeCertificateHandler implements Handler<RoutingContext> {

  private static final Set<String> FIELDS = Set.of("reason");

  private final CertificateRevocation revocation;
  private final CertificateInventory inventory;

  RevokeCertificateHandler(CertificateRevocation revocation, CertificateInventory inventory) {
    this.revocation = revocation;
    this.inventory = inventory;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    String serial = QueryParameters.serialOf(ctx.pathParam("serial"));
    RevocationReason reason = reason(JsonBody.parse(ctx, FIELDS, true).string("reason", 64));
    revocation.revoke(principal, serial, reason)
        .onSuccess(r -> Responses.json(ctx, r.propagation().complete() ? 200 : 202,
            Representations.certificate(r.certificate(), inventory.now())
                .put("propagation", Representations.propagation(r.propagation()))))
        .onFailure(e -> IssuerProblems.fail(ctx, e));
  }

  private static RevocationReason reason(String value) {
    if (value == null) {
      return RevocationReason.UNSPECIFIED;
    }
    return RevocationReasons.parse(value).orElseThrow(() -> Problems.badRequest("INVALID_REASON",
        "reason must be one of " + Arrays.toString(RevocationReason.values())
            + ", in that spelling, RFC 5280's (keyCompromise, cACompromise, ...) or kebab-case (key-compromise)."));
  }
}
