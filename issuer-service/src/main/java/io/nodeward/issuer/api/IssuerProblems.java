package io.nodeward.issuer.api;

import io.nodeward.events.IssuanceRefusal;
import io.nodeward.issuer.app.CaUnavailableException;
import io.nodeward.issuer.app.EventNotAcknowledgedException;
import io.nodeward.issuer.app.NodeOwnershipConflictException;
import io.nodeward.issuer.app.RateLimitedException;
import io.nodeward.issuer.app.UnknownResourceException;
import io.nodeward.issuer.app.UpstreamNotAllowedException;
import io.nodeward.issuer.domain.IssuanceRefusedException;
import io.nodeward.issuer.domain.RenewalRefusedException;
import io.nodeward.kit.http.ProblemException;
import io.nodeward.kit.http.Problems;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place where the issuer's refusals become HTTP answers (RFC 9457 problems with stable codes).
 * Anything not listed travels on unchanged, and ProblemHandler answers it 500 without detail.
 */
final class IssuerProblems {

  private IssuerProblems() {
  }

  static int status(IssuanceRefusal refusal) {
    return switch (refusal) {
      case NOT_OWNER, UNKNOWN_NODE -> 404;
      case INVALID_CSR, WEAK_KEY, VALIDITY_TOO_LONG, INVALID_REQUEST -> 400;
    };
  }

  static Throwable map(Throwable failure) {
    if (failure instanceof IssuanceRefusedException refused && refused.reason() == IssuanceRefusal.NOT_OWNER) {
      // Issue 13.9: someone else's node answers exactly like a node that does not exist, so node ids cannot be
      // probed; the published IssuanceDenied still says NOT_OWNER for the auditors.
      return unknownNode();
    }
    if (failure instanceof IssuanceRefusedException refused) {
      int status = status(refused.reason());
      String title = switch (status) {
        case 403 -> "Forbidden";
        case 404 -> "Not found";
        default -> "Bad request";
      };
      return new ProblemException(status, refused.reason().name(), title, refused.detail());
    }
    if (failure instanceof RenewalRefusedException refused) {
      int status = switch (refused.reason()) {
        case CLIENT_CERTIFICATE_REQUIRED -> 401;
        case CSR_REQUIRED -> 400;
        default -> 403;
      };
      String title = status == 401 ? "Unauthorized" : status == 400 ? "Bad request" : "Forbidden";
      return new ProblemException(status, refused.reason().name(), title, refused.detail());
    }
    if (failure instanceof UpstreamNotAllowedException refused) {
      return Problems.badRequest("UPSTREAM_NOT_ALLOWED", refused.getMessage());
    }
    if (failure instanceof RateLimitedException limited) {
      return new ProblemException(429, "RATE_LIMITED", "Too many requests",
          "Too many requests from you; try again in " + limited.retryAfterSeconds() + " s.");
    }
    if (failure instanceof UnknownResourceException unknown) {
      return unknown.kind() == UnknownResourceException.Kind.NODE ? unknownNode() : unknownCertificate();
    }
    if (failure instanceof NodeOwnershipConflictException) {
      return Problems.conflict("NODE_OWNED_BY_ANOTHER_USER",
          "The node is provisioned for another owner; deprovision it first.");
    }
    if (failure instanceof EventNotAcknowledgedException) {
      return Problems.unavailable("EVENT_NOT_ACKNOWLEDGED",
          "The change could not be recorded and did not take effect. Try again shortly.");
    }
    if (failure instanceof CaUnavailableException) {
      return Problems.unavailable("CA_UNAVAILABLE", "The certificate authority is unavailable. Try again shortly.");
    }
    return failure;
  }

  /** Fails the request with the mapped problem; for use as {@code onFailure(e -> IssuerProblems.fail(ctx, e))}. */
  static void fail(RoutingContext ctx, Throwable failure) {
    if (failure instanceof RateLimitedException limited && !ctx.response().headWritten()) {
      ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
    }
    ctx.fail(map(failure));
  }

  static ProblemException unknownNode() {
    return Problems.notFound("UNKNOWN_NODE", "No such node.");
  }

  static ProblemException unknownCertificate() {
    return Problems.notFound("UNKNOWN_CERTIFICATE", "No such certificate.");
  }

  static ProblemException forbiddenUnlessAdmin() {
    return Problems.forbidden("ADMIN_REQUIRED", "Only admins may do this.");
  }
}
