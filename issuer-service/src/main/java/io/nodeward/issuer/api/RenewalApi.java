package io.nodeward.issuer.api;

import io.nodeward.issuer.app.CertificateRenewal;
import io.nodeward.kit.http.RequestIds;
import io.nodeward.kit.http.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The routes of the mutual-TLS renewal listener: renewal only, no token authentication at all. */
public final class RenewalApi {

  private RenewalApi() {
  }

  public static Router router(Vertx vertx, CertificateRenewal renewal, int bodyLimitBytes) {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds.create());
    router.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
    router.post("/v1/certificates/renew").handler(new RenewCertificateHandler(renewal));
    ProblemHandler problems = ProblemHandler.create();
    router.route().failureHandler(problems);
    for (int status : new int[] {404, 405, 406, 413, 415, 500}) {
      router.errorHandler(status, problems);
    }
    return router;
  }
}
