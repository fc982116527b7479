package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CertificateIssuance;
import io.nodeward.issuer.app.CertificateRevocation;
import io.nodeward.issuer.app.CrlPublication;
import io.nodeward.issuer.app.NodeAdministration;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.domain.PageCursors;
import io.nodeward.issuer.kafka.StateReplay;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.http.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Clock;

/** The issuer's routes. Everything but the CA chain, the CRL and health requires a Cognito token. */
public final class IssuerApi {

  /** What the routes need; built by IssuerService. */
  public record Dependencies(CognitoAuthHandler auth, NodeAdministration administration, CertificateIssuance issuance,
      CertificateRevocation revocation, NodeRegistry nodes, CertificateRegistry certificates, CertificateAuthority ca,
      StateReplay state, Clock clock, int bodyLimitBytes, int minPkcs12PasswordLength, PageCursors cursors,
      CrlPublication crl, URI externalCrl) {
  }

  private IssuerApi() {
  }

  public static Router router(Vertx vertx, Dependencies d) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(d.bodyLimitBytes()));

    router.get("/health").handler(new HealthHandler(d.state(), d.nodes(), d.certificates()));
    router.get("/v1/ca").handler(new CaChainHandler(d.ca()));
    router.get("/v1/crl").handler(new CrlHandler(d.crl(), d.externalCrl()));

    router.post("/v1/admin/nodes").handler(d.auth()).handler(new ProvisionNodeHandler(d.administration()));
    router.delete("/v1/admin/nodes/:nodeId").handler(d.auth()).handler(new DeprovisionNodeHandler(d.administration()));
    router.get("/v1/nodes").handler(d.auth()).handler(new ListNodesHandler(d.nodes(), d.cursors()));
    router.get("/v1/nodes/:nodeId").handler(d.auth()).handler(new GetNodeHandler(d.nodes()));

    IssueCertificateHandler issue = new IssueCertificateHandler(vertx, d.issuance(), d.minPkcs12PasswordLength());
    router.post("/v1/certificates").handler(d.auth()).handler(issue);
    router.post("/generate-cert").handler(d.auth()).handler(issue);
    router.get("/v1/certificates").handler(d.auth())
        .handler(new ListCertificatesHandler(d.certificates(), d.cursors(), d.clock()));
    router.get("/v1/certificates/:serial").handler(d.auth())
        .handler(new GetCertificateHandler(d.certificates(), d.ca(), d.clock()));
    router.post("/v1/certificates/:serial/revoke").handler(d.auth())
        .handler(new RevokeCertificateHandler(d.revocation(), d.clock()));

    ProblemHandler problems = ProblemHandler.create();
    router.route().failureHandler(problems);
    for (int status : new int[] {404, 405, 406, 413, 415, 500}) {
      router.errorHandler(status, problems);
    }
    return router;
  }
}
