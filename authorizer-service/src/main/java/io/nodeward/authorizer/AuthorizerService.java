package io.nodeward.authorizer;

import io.nodeward.authorizer.api.AdminApi;
import io.nodeward.authorizer.api.AuthorizeApi;
import io.nodeward.authorizer.api.AuthorizerMetrics;
import io.nodeward.authorizer.app.AccessAuthorization;
import io.nodeward.authorizer.app.DecisionDurability;
import io.nodeward.authorizer.app.DecisionRecorder;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.authorizer.domain.ClientChainVerifier;
import io.nodeward.authorizer.gateway.GatewayGuard;
import io.nodeward.authorizer.gateway.GatewayTls;
import io.nodeward.authorizer.gateway.GatewayVerticle;
import io.nodeward.authorizer.kafka.AllowList;
import io.nodeward.authorizer.kafka.KafkaDecisionTransport;
import io.nodeward.authorizer.kafka.StatusPublisher;
import io.nodeward.authorizer.store.SpoolBacklog;
import io.nodeward.events.EventCodec;
import io.nodeward.kit.config.ConfigException;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the authorizer: the decision recorder (Kafka transport and disk backlog), the allow-list (started only
 * once replayed), the decision use case, the admin API and the mTLS gateway on every configured event loop.
 * The only class that builds adapters.
 */
public final class AuthorizerService {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizerService.class);
  /**
   * Durability before-forward: how long a request waits for Kafka to acknowledge its decision before the decision
   * is fsync'd in the spool instead (Kafka slow or gone; its sends then fail within max.block.ms anyway).
   */
  static final Duration KAFKA_ACK_WAIT = Duration.ofMillis(500);

  private final Vertx vertx;
  private final DecisionRecorder recorder;
  private final AllowList allowList;
  private final StatusPublisher status;
  private final AuthorizerMetrics metrics;
  private final HttpServer admin;
  private final HttpServer authorizeListener;
  private final List<String> gatewayDeployments;
  private final int gatewayPort;

  private AuthorizerService(Vertx vertx, DecisionRecorder recorder, AllowList allowList, StatusPublisher status,
      AuthorizerMetrics metrics, HttpServer admin, HttpServer authorizeListener, List<String> gatewayDeployments,
      int gatewayPort) {
    this.vertx = vertx;
    this.recorder = recorder;
    this.allowList = allowList;
    this.status = status;
    this.metrics = metrics;
    this.admin = admin;
    this.authorizeListener = authorizeListener;
    this.gatewayDeployments = gatewayDeployments;
    this.gatewayPort = gatewayPort;
  }

  public static Future<AuthorizerService> start(Vertx vertx, AuthorizerConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  public static Future<AuthorizerService> start(Vertx vertx, AuthorizerConfig config, Clock clock) {
    EventCodec codec = new EventCodec();
    return vertx.executeBlocking(() -> readTrustChain(config))
        .compose(caChain -> recorder(vertx, config, codec)
            .compose(recorder -> AllowList.start(vertx, config.kafka(), config.maxStaleness(),
                    config.freshnessInterval(), clock)
                .recover(e -> recorder.close().transform(x -> Future.failedFuture(e)))
                .compose(allowList -> wire(vertx, config, clock, caChain, recorder, allowList))));
  }

  private static Future<DecisionRecorder> recorder(Vertx vertx, AuthorizerConfig config, EventCodec codec) {
    return SpoolBacklog.open(vertx, config.spoolDir(), config.spoolMaxBytes(), codec)
        .compose(backlog -> KafkaDecisionTransport.create(vertx, config.decisionKafka(), codec,
                config.decisionDurability() == DecisionDurability.BEFORE_FORWARD)
            .recover(e -> backlog.close().transform(x -> Future.failedFuture(e)))
            .map(transport -> new DecisionRecorder(vertx, transport, backlog,
                "/nodeward/authorizer/" + config.instanceId(), 1_000, config.decisionDurability(), KAFKA_ACK_WAIT)));
  }

  private static Future<AuthorizerService> wire(Vertx vertx, AuthorizerConfig config, Clock clock,
      List<X509Certificate> caChain, DecisionRecorder recorder, AllowList allowList) {
    AuthorizerMetrics metrics = new AuthorizerMetrics(allowList, recorder, clock);
    AccessAuthorization authorization = new AccessAuthorization(allowList, new ClientChainVerifier(caChain),
        decision -> {
          metrics.decided(decision);
          return recorder.record(decision);
        }, clock, config.instanceId(), config.catchUpTimeout());
    StatusPublisher status = StatusPublisher.start(vertx, config.kafka(), allowList, config.instanceId(), clock,
        config.statusInterval());
    List<String> deployments = new ArrayList<>();
    Future<HttpServer> admin = vertx.createHttpServer(new HttpServerOptions()
            .setHost(config.adminHost()).setPort(config.adminPort()))
        .requestHandler(AdminApi.router(vertx, allowList, recorder, metrics, clock))
        .listen();
    Future<HttpServer> authorize = admin.compose(x -> authorizeListener(vertx, config, authorization));
    return authorize.compose(listener -> deployGateway(vertx, config, authorization, metrics, deployments)
            .map(port -> {
              HttpServer adminServer = admin.result();
              LOG.info("authorizer {}: mTLS gateway on {}:{} ({} TLS engine, {} event loop(s)), admin on {}:{}, {}",
                  config.instanceId(), config.gatewayHost(), port,
                  GatewayTls.useOpenSsl(config.tlsEngine()) ? "OpenSSL" : "JDK", config.gatewayInstances(),
                  config.adminHost(), adminServer.actualPort(), listener == null
                      ? "no /authorize listener (no callers configured)"
                      : "mTLS /authorize on " + config.authorizeApi().host() + ":" + listener.actualPort()
                          + " for " + config.authorizeApi().callers());
              return new AuthorizerService(vertx, recorder, allowList, status, metrics, adminServer, listener,
                  deployments, port);
            }))
        .recover(e -> {
          Future<Void> undeployed = Future.all(deployments.stream().map(vertx::undeploy).toList()).mapEmpty();
          return undeployed
              .transform(x -> authorize.succeeded() && authorize.result() != null
                  ? authorize.result().close() : Future.succeededFuture())
              .transform(x -> admin.succeeded() ? admin.result().close() : Future.succeededFuture())
              .transform(x -> status.close())
              .transform(x -> allowList.close())
              .transform(x -> recorder.close())
              .transform(x -> Future.failedFuture(e));
        });
  }

  /** The mutual-TLS {@code POST /authorize} listener; none (null) when no caller is configured. */
  private static Future<HttpServer> authorizeListener(Vertx vertx, AuthorizerConfig config,
      AccessAuthorization authorization) {
    if (!config.authorizeApi().enabled()) {
      return Future.succeededFuture(null);
    }
    return vertx.createHttpServer(GatewayTls.authorizeListenerOptions(config, config.authorizeApi().port()))
        .requestHandler(AuthorizeApi.router(vertx, authorization, config.authorizeApi(), config.trustDomain()))
        .listen();
  }

  /**
   * Every instance listens on the same port and Vert.x spreads connections over their event loops. Port 0 is
   * asked as -1: Vert.x's "shared random port", so all instances get the same ephemeral port.
   */
  private static Future<Integer> deployGateway(Vertx vertx, AuthorizerConfig config,
      AccessAuthorization authorization, AuthorizerMetrics metrics, List<String> deployments) {
    int port = config.gatewayPort() == 0 ? -1 : config.gatewayPort();
    List<GatewayVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
    GatewayGuard guard = new GatewayGuard(config.gatewayLimits());
    return vertx.deployVerticle(() -> {
          GatewayVerticle verticle = new GatewayVerticle(config, port, authorization, metrics::connectionFailed,
              guard);
          instances.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.gatewayInstances()))
        .map(id -> {
          deployments.add(id);
          return instances.get(0).actualPort();
        });
  }

  private static List<X509Certificate> readTrustChain(AuthorizerConfig config) throws Exception {
    List<Path> files = new ArrayList<>(List.of(config.trustChainPem(), config.tlsCertPem(), config.tlsKeyPem()));
    if (config.authorizeApi().enabled()) {
      files.add(config.authorizeApi().clientCaPem());
    }
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        throw new ConfigException(variableFor(config, file), "names a file that cannot be read: " + file);
      }
    }
    List<X509Certificate> chain = Pem.readCertificates(Files.readString(config.trustChainPem()));
    if (chain.isEmpty()) {
      throw new ConfigException(AuthorizerConfig.PREFIX + "TRUST_CHAIN_PEM", "holds no certificate");
    }
    return chain;
  }

  private static String variableFor(AuthorizerConfig config, Path file) {
    if (file.equals(config.trustChainPem())) {
      return AuthorizerConfig.PREFIX + "TRUST_CHAIN_PEM";
    }
    if (file.equals(config.authorizeApi().clientCaPem())) {
      return AuthorizerConfig.PREFIX + "AUTHORIZE_CLIENT_CA_PEM";
    }
    return AuthorizerConfig.PREFIX + (file.equals(config.tlsCertPem()) ? "TLS_CERT_PEM" : "TLS_KEY_PEM");
  }

  public int gatewayPort() {
    return gatewayPort;
  }

  public int adminPort() {
    return admin.actualPort();
  }

  /** The mutual-TLS {@code /authorize} listener's port; -1 when it does not run (no caller configured). */
  public int authorizePort() {
    return authorizeListener == null ? -1 : authorizeListener.actualPort();
  }

  public AllowList allowList() {
    return allowList;
  }

  public DecisionRecorder decisionRecorder() {
    return recorder;
  }

  public StatusPublisher status() {
    return status;
  }

  public AuthorizerMetrics metrics() {
    return metrics;
  }

  /**
   * Stops taking requests first, then says STOPPING on the status topic (no revocation waits for this instance
   * any more), then stops the allow-list, then spools and closes the decision recorder.
   */
  public Future<Void> close() {
    Future<Void> undeployed = Future.all(gatewayDeployments.stream().map(vertx::undeploy).toList()).mapEmpty();
    return undeployed
        .transform(x -> authorizeListener == null ? Future.<Void>succeededFuture() : authorizeListener.close())
        .transform(x -> admin.close())
        .transform(x -> status.close())
        .transform(x -> allowList.close())
        .transform(x -> recorder.close());
  }
}
