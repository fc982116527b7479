package io.nodeward.issuer.api;

import io.nodeward.issuer.metrics.IssuerMetrics;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.app.CertificateInventory;
import io.nodeward.issuer.app.CertificateIssuance;
import io.nodeward.issuer.app.CertificateRevocation;
import io.nodeward.issuer.app.CrlPublication;
import io.nodeward.issuer.app.NodeAdministration;
import io.nodeward.issuer.app.NodeDirectory;
import io.nodeward.issuer.domain.PageCursors;
import io.nodeward.kit.http.RequestIds;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.health.HealthChecks;
import io.nodeward.kit.http.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;

/** The issuer's routes. Everything but the CA chain, the CRL, health and metrics requires a Cognito token. */
public final class IssuerApi {

  /**
   * What the routes need; built by IssuerService. {@code crl} is null when the CA publishes its CRL itself
   * ({@code externalCrl}, possibly null, is then where).
   */
  public record Dependencies(CognitoAuthHandler auth, NodeAdministration administration, NodeDirectory nodes,
      CertificateIssuance issuance, CertificateRevocation revocation, CertificateInventory inventory,
      CertificateAuthority ca, HealthChecks health, int bodyLimitBytes, int minPkcs12PasswordLength,
      PageCursors cursors, CrlPublication crl, URI externalCrl, IssuerMetrics metrics) {
  }

  private IssuerApi() {
  }

  public static Router router(Vertx vertx, Dependencies d) {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds.create());
    router.route().handler(d.metrics().requestTimer());
    router.route().handler(BodyHandler.create(false).setBodyLimit(d.bodyLimitBytes()));

    d.health().mount(router);
    d.metrics().metrics().mount(vertx, router);
    router.get("/v1/ca").handler(new CaChainHandler(d.ca()));
    router.get("/v1/crl").handler(new CrlHandler(d.crl(), d.externalCrl()));

    router.post("/v1/admin/nodes").handler(d.auth()).handler(new ProvisionNodeHandler(d.administration()));
    router.delete("/v1/admin/nodes/:nodeId").handler(d.auth()).handler(new DeprovisionNodeHandler(d.administration()));
    router.get("/v1/nodes").handler(d.auth()).handler(new ListNodesHandler(d.nodes(), d.cursors()));
    router.get("/v1/nodes/:nodeId").handler(d.auth()).handler(new GetNodeHandler(d.nodes()));

    IssueCertificateHandler issue = new IssueCertificateHandler(vertx, d.issuance(), d.minPkcs12PasswordLength());
    router.post("/v1/certificates").handler(d.auth()).handler(issue);
    router.post("/generate-cert").handler(d.auth()).handler(issue);
    router.get("/v1/certificates").handler(d.auth()).handler(new ListCertificatesHandler(d.inventory(), d.cursors()));
    router.get("/v1/certificates/:serial").handler(d.auth()).handler(new GetCertificateHandler(d.inventory(), d.ca()));
    router.post("/v1/certificates/:serial/revoke").handler(d.auth())
        .handler(new RevokeCertificateHandler(d.revocation(), d.inventory()));

    ProblemHandler problems = ProblemHandler.create();
    router.route().failureHandler(problems);
    for (int status : new int[] {404, 405, 406, 413, 415, 500}) {
      router.errorHandler(status, problems);
    }
    return router;
  }
}
