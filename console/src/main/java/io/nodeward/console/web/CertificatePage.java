package io.nodeward.console.web;

import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.client.IssuerClient;
import io.nodeward.console.domain.Certificate;
import io.nodeward.console.domain.ConsoleProblem;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.CertificateView;
import io.nodeward.console.web.view.RevokeView;
import io.vertx.ext.web.RoutingContext;

/**
 * One certificate: {@code GET /certificates/:serial} (facts, chain, the revoke form), {@code GET .../chain.pem},
 * {@code GET .../revoke?reason=} (the confirmation) and {@code POST .../revoke} (done, then back to the certificate,
 * which shows it revoked). Someone else's certificate is the 404 page, exactly like an unknown serial.
 */
final class CertificatePage {

  private final Pages pages;
  private final IssuerClient issuer;

  CertificatePage(Pages pages, IssuerClient issuer) {
    this.pages = pages;
    this.issuer = issuer;
  }

  void show(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    issuer.certificate(user.accessToken(), serial(ctx)).onSuccess(c -> {
      var now = pages.clock().instant();
      pages.render(ctx, 200, "certificate.jte", new CertificateView(
          pages.chrome(ctx, "Certificate " + c.serialNumber(), "certificates"), CertificateRows.row(c, now),
          Relative.utc(c.issuedAt()), c.fingerprintSha256(), c.caBackend(),
          c.revokedAt() == null ? null : Relative.utc(c.revokedAt()) + " (" + Relative.from(now, c.revokedAt()) + ")",
          c.revocationReason() == null ? null : CertificateView.label(c.revocationReason()), c.fullChainPem(),
          CertificateView.REASONS));
    }).onFailure(ctx::fail);
  }

  void chain(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    issuer.certificate(user.accessToken(), serial(ctx)).onSuccess(c -> {
      if (c.fullChainPem() == null) {
        ctx.fail(ConsoleProblem.notFound());
        return;
      }
      ctx.response()
          .putHeader("Content-Type", "application/x-pem-file")
          .putHeader("Content-Disposition", "attachment; filename=\"" + c.nodeId() + "-" + c.serialNumber() + ".pem\"")
          .end(c.fullChainPem());
    }).onFailure(ctx::fail);
  }

  void confirm(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    String reason = reason(Links.param(ctx, "reason"));
    issuer.certificate(user.accessToken(), serial(ctx)).onSuccess(c -> {
      if (!c.active()) {
        Pages.flash(ctx, "warning", "This certificate is " + c.status() + " already.");
        ctx.redirect("/certificates/" + c.serialNumber());
        return;
      }
      pages.render(ctx, 200, "revoke.jte", new RevokeView(pages.chrome(ctx, "Revoke certificate", "certificates"),
          c.serialNumber(), c.nodeId(), reason, CertificateView.label(reason)));
    }).onFailure(ctx::fail);
  }

  void revoke(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    String reason = reason(Links.form(ctx, "reason"));
    issuer.revoke(user.accessToken(), serial(ctx), reason).onSuccess(c -> {
      Pages.flash(ctx, "success", "Certificate " + c.serialNumber() + " is revoked"
          + (c.revokedAt() == null ? "" : " as of " + Relative.utc(c.revokedAt())) + ". The gateway refuses it from now on.");
      ctx.response().setStatusCode(303).putHeader("Location", "/certificates/" + c.serialNumber()).end();
    }).onFailure(ctx::fail);
  }

  private static String serial(RoutingContext ctx) {
    String serial = ctx.pathParam("serial");
    if (serial == null || serial.isBlank() || serial.length() > 64) {
      throw ConsoleProblem.notFound();
    }
    return serial;
  }

  private static String reason(String value) {
    if (value == null) {
      return "UNSPECIFIED";
    }
    return CertificateView.REASONS.stream().map(CertificateView.Reason::value).filter(value::equals).findFirst()
        .orElseThrow(() -> ConsoleProblem.badRequest("INVALID_REASON", "Choose one of the listed revocation reasons."));
  }
}
