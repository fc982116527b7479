package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CertificateIssuance;
import io.nodeward.issuer.domain.CsrInspector;
import io.nodeward.issuer.domain.RawCertificateRequest;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.http.Problems;
import io.nodeward.kit.http.Responses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /v1/certificates} and the seeds' {@code POST /generate-cert}:
 * {@code {nodeId, keyAlgorithm?, csrPem?, validityHours? | validityMinutes?, pkcs12Password?}} → 201 with certificate, chain and
 * (generated keys only) private key; as a PKCS#12 bundle with {@code Accept: application/x-pkcs12}.
 */
final class IssueCertificateHandler implements io.vertx.core.Handler<RoutingContext> {

  private static final Set<String> FIELDS =
      Set.of("nodeId", "keyAlgorithm", "csrPem", "validityHours", "validityMinutes", "pkcs12Password");

  private final Vertx vertx;
  private final CertificateIssuance issuance;
  private final int minPkcs12PasswordLength;

  IssueCertificateHandler(Vertx vertx, CertificateIssuance issuance, int minPkcs12PasswordLength) {
    this.vertx = vertx;
    this.issuance = issuance;
    this.minPkcs12PasswordLength = minPkcs12PasswordLength;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = CognitoAuthHandler.principal(ctx);
    JsonBody body = JsonBody.parse(ctx, FIELDS, false);
    RawCertificateRequest raw = new RawCertificateRequest(body.string("nodeId", 256), body.string("keyAlgorithm", 32),
        body.string("csrPem", CsrInspector.MAX_PEM_CHARS), body.integer("validityHours"), body.integer("validityMinutes"));
    String password = body.string("pkcs12Password", 1024);
    boolean pkcs12 = wantsPkcs12(ctx);
    requirePkcs12Rules(pkcs12, password, raw);
    issuance.issue(principal, raw)
        .onSuccess(issued -> respond(ctx, issued, pkcs12 ? password.toCharArray() : null))
        .onFailure(e -> IssuerProblems.fail(ctx, e));
  }

  private static boolean wantsPkcs12(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.toLowerCase().contains(Pkcs12Bundle.MEDIA_TYPE);
  }

  private void requirePkcs12Rules(boolean pkcs12, String password, RawCertificateRequest raw) {
    if (!pkcs12 && password != null) {
      throw Problems.badRequest("PKCS12_NOT_REQUESTED", "pkcs12Password is used only with Accept: application/x-pkcs12.");
    }
    if (pkcs12 && raw.csrPem() != null) {
      throw Problems.badRequest("PKCS12_NEEDS_SERVER_KEY", "A PKCS#12 bundle holds a private key; with a CSR it stays with you.");
    }
    if (pkcs12 && (password == null || password.length() < minPkcs12PasswordLength || password.length() > 128)) {
      throw Problems.badRequest("WEAK_PKCS12_PASSWORD",
          "pkcs12Password must have " + minPkcs12PasswordLength + " to 128 characters.");
    }
  }

  private void respond(RoutingContext ctx, CertificateIssuance.Issued issued, char[] password) {
    if (password == null) {
      Responses.json(ctx, 201, Representations.issued(issued));
      return;
    }
    vertx.executeBlocking(() -> Pkcs12Bundle.create(issued.event().nodeId(), issued.privateKey(),
            issued.certificate().certificate(), issued.certificate().chain(), password), false)
        .onSuccess(bytes -> ctx.response()
            .setStatusCode(201)
            .putHeader(HttpHeaders.CONTENT_TYPE, Pkcs12Bundle.MEDIA_TYPE)
            .putHeader(HttpHeaders.CACHE_CONTROL, Responses.NO_STORE)
            .putHeader("Content-Disposition", "attachment; filename=\"" + issued.event().nodeId() + ".p12\"")
            .putHeader("X-Nodeward-Serial", issued.event().serialNumber())
            .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }
}
