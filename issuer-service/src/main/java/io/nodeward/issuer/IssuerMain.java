package io.nodeward.issuer;

import io.nodeward.issuer.ca.GatewayTlsFiles;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kit.app.ServiceLauncher;
import io.vertx.core.Future;

/**
 * The issuer on its own (containers, compose). With NODEWARD_ISSUER_GATEWAY_TLS_DIR set and the local CA, it
 * also keeps the gateway's server certificate and the CA chain in that directory for the authorizer to mount.
 */
public final class IssuerMain {

  private IssuerMain() {
  }

  record Launch(IssuerConfig config, GatewayTlsFiles.Settings gatewayTls) {
  }

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run("issuer",
        env -> new Launch(IssuerConfig.fromEnv(env), GatewayTlsFiles.Settings.fromEnv(env)),
        (vertx, launch) -> IssuerService.start(vertx, launch.config()).compose(issuer -> {
          CertificateAuthority ca = issuer.certificateAuthority();
          if (launch.gatewayTls().dir() == null || ca.serverCertificates().isEmpty()) {
            return Future.succeededFuture(issuer);
          }
          return vertx.executeBlocking(() -> {
            GatewayTlsFiles.ensure(ca.serverCertificates().get(), ca.caChain(), launch.gatewayTls());
            return issuer;
          }, false);
        }),
        IssuerService::close);
  }
}
