package io.nodeward.issuer;

import io.nodeward.events.CaBackend;
import io.nodeward.issuer.api.IssuerApi;
import io.nodeward.issuer.api.RenewalApi;
import io.nodeward.issuer.app.AuthorizerConfirmations;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.app.CertificateInventory;
import io.nodeward.issuer.app.CertificateIssuance;
import io.nodeward.issuer.app.CertificateRenewal;
import io.nodeward.issuer.app.CertificateRevocation;
import io.nodeward.issuer.app.CrlPublication;
import io.nodeward.issuer.app.NodeAdministration;
import io.nodeward.issuer.app.NodeDirectory;
import io.nodeward.issuer.app.PropagationWatch;
import io.nodeward.issuer.app.RateLimits;
import io.nodeward.issuer.ca.AcmPcaCa;
import io.nodeward.issuer.ca.AcmPcaClients;
import io.nodeward.issuer.ca.CaChainFile;
import io.nodeward.issuer.ca.LocalCa;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.issuer.domain.AuthorizerFleet;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.domain.PageCursors;
import io.nodeward.issuer.kafka.AuthorizerStatusConsumer;
import io.nodeward.issuer.kafka.IssuerEvents;
import io.nodeward.issuer.kafka.StateReplay;
import io.nodeward.issuer.metrics.IssuerMetrics;
import io.nodeward.issuer.metrics.TimedCertificateAuthority;
import io.nodeward.issuer.store.CursorKeyFile;
import io.nodeward.kit.app.Lifecycle;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.health.Check;
import io.nodeward.kit.health.HealthChecks;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.metrics.ServiceMetrics;
import io.nodeward.kit.kafka.TopicProvisioner;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The issuer, wired: the one place that constructs its adapters (CA back end, Kafka publisher and state
 * consumer, token verifier, HTTP servers). Start order, one {@link Lifecycle}: certificate authority → state
 * replayed to the end offsets → CRL → event publisher → token verifier → HTTP API → mutual-TLS renewal
 * listener; stopped in reverse. Nothing is served before the issuer knows every node and certificate.
 */
public final class IssuerService {

  private static final Logger LOG = LoggerFactory.getLogger(IssuerService.class);
  /** Each stop is bounded; together they fit the 3 s the stack gives one service. */
  private static final Duration QUICK_STOP = Duration.ofMillis(200);
  private static final Duration SERVER_STOP = Duration.ofMillis(300);
  private static final Duration KAFKA_STOP = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final IssuerConfig config;
  private final Lifecycle lifecycle;
  private final NodeRegistry nodes = new NodeRegistry();
  private final CertificateRegistry certificates = new CertificateRegistry();
  private final Clock clock = Clock.systemUTC();
  private CertificateAuthority ca;
  private Path caChainFile;
  private PageCursors cursors;
  private StateReplay state;
  private AuthorizerConfirmations confirmations;
  private AuthorizerStatusConsumer authorizerStatuses;
  private CrlPublication crl;
  private HttpServer server;
  private RenewalListener renewalListener;
  /** Where certificates say the CRL is; known once the API listens unless configured. */
  private volatile URI crlDistributionPoint;

  private IssuerService(Vertx vertx, IssuerConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.lifecycle = Lifecycle.create(vertx, "issuer");
  }

  public static Future<IssuerService> start(Vertx vertx, IssuerConfig config) {
    IssuerService service = new IssuerService(vertx, config);
    return service.lifecycle.run(() -> service.run(vertx))
        .onSuccess(v -> LOG.info("Issuer listening on {}:{} ({})", config.host(), service.port(), config))
        .map(service);
  }

  private Future<Void> run(Vertx vertx) {
    Future<Void> topics = config.createTopics()
        ? TopicProvisioner.ensureTopics(vertx, config.kafka(), config.topicReplicationFactor(), config.topicPartitions())
        : Future.succeededFuture();
    return topics
        .compose(v -> vertx.executeBlocking(() -> CursorKeyFile.loadOrCreate(config.issuerDir()), false))
        .compose(key -> {
          cursors = new PageCursors(key);
          return lifecycle.start("certificate authority", QUICK_STOP, () -> openCa(vertx), CertificateAuthority::close);
        })
        .compose(authority -> {
          ca = authority;
          return vertx.executeBlocking(() -> CaChainFile.write(config.issuerDir(), authority.caChain()), false);
        })
        .compose(chainFile -> {
          caChainFile = chainFile;
          return lifecycle.start("state consumer", KAFKA_STOP,
              () -> StateReplay.start(vertx, config.kafka(), nodes, certificates), StateReplay::close);
        })
        .compose(replay -> {
          state = replay;
          confirmations = new AuthorizerConfirmations(vertx, new AuthorizerFleet(config.propagation().liveness()),
              clock, config.propagation().timeout());
          return lifecycle.start("authorizer status consumer", KAFKA_STOP,
              () -> AuthorizerStatusConsumer.start(vertx, config.kafka(), confirmations, clock),
              AuthorizerStatusConsumer::close);
        })
        .compose(statuses -> {
          authorizerStatuses = statuses;
          return startCrl(vertx);
        })
        .compose(v -> listen(vertx));
  }

  private Future<CertificateAuthority> openCa(Vertx vertx) {
    Future<? extends CertificateAuthority> opened = config.caBackend() == CaBackend.ACM_PCA
        ? AcmPcaCa.create(vertx, AcmPcaClients.create(config.acmPca(), DefaultCredentialsProvider.builder().build()),
            config.acmPca(), config.profile())
        : LocalCa.open(vertx, config.issuerDir(), config.caKeystorePassword().toCharArray(), config.profile(), clock,
            () -> crlDistributionPoint);
    return opened.map(authority -> authority);
  }

  /** The CRL, when this CA signs its own (ACM PCA publishes its CRL itself). */
  private Future<Void> startCrl(Vertx vertx) {
    if (ca.crlSigner().isEmpty()) {
      return Future.succeededFuture();
    }
    return lifecycle.start("CRL publication", QUICK_STOP, () -> CrlPublication.start(vertx, ca.crlSigner().get(),
            certificates, config.crl().validity(), config.profile().maxValidity(), clock), CrlPublication::close)
        .onSuccess(publication -> crl = publication)
        .mapEmpty();
  }

  private Future<Void> listen(Vertx vertx) {
    EventPublisher publisher = lifecycle.add("event publisher", KAFKA_STOP,
        EventPublisher.create(vertx, config.kafka(), config.eventSource()), EventPublisher::close);
    IssuerMetrics metrics = new IssuerMetrics(lifecycle.add("metrics", ServiceMetrics.create(IssuerMetrics.SERVICE),
        m -> {
          m.close();
          return Future.succeededFuture();
        }), certificates, clock);
    IssuerEvents events = new IssuerEvents(publisher, nodes, certificates, state::lastApplied, metrics);
    CertificateAuthority timedCa = new TimedCertificateAuthority(ca, metrics);
    PropagationWatch propagation = records -> {
      long began = System.nanoTime();
      return confirmations.confirm(records).onSuccess(p -> metrics.propagated(p, System.nanoTime() - began));
    };
    RateLimits limits = new RateLimits(config.issueRatePerSecond(), config.revokeRatePerSecond(), System::nanoTime);
    CognitoTokenVerifier verifier = lifecycle.add("token verifier", QUICK_STOP,
        CognitoTokenVerifier.create(vertx, config.cognito()), CognitoTokenVerifier::close);
    IssuerApi.Dependencies dependencies = new IssuerApi.Dependencies(
        CognitoAuthHandler.create(verifier),
        new NodeAdministration(nodes, events, propagation, clock),
        new NodeDirectory(nodes),
        new CertificateIssuance(vertx, timedCa, config.profile(), nodes, events, limits, clock),
        new CertificateRevocation(ca, certificates, events, propagation, limits, clock),
        new CertificateInventory(certificates, clock),
        ca, health(), config.bodyLimitBytes(), config.minPkcs12PasswordLength(), cursors, crl,
        config.crl().externalUrl(), metrics);
    CertificateRenewal renewal = new CertificateRenewal(vertx, timedCa, config.profile(), nodes, certificates, events, limits,
        clock);
    return lifecycle.start("http server", SERVER_STOP, () -> vertx.createHttpServer(
                new HttpServerOptions().setHost(config.host()).setPort(config.port()))
            .requestHandler(IssuerApi.router(vertx, dependencies))
            .listen(), HttpServer::close)
        .compose(s -> {
          server = s;
          crlDistributionPoint = (config.crl().publicUrl() != null ? config.crl().publicUrl()
              : URI.create("http://" + config.host() + ":" + s.actualPort())).resolve("/v1/crl");
          return lifecycle.start("renewal listener", SERVER_STOP,
              () -> RenewalListener.start(vertx, config, ca, RenewalApi.router(vertx, renewal, config.bodyLimitBytes())),
              listener -> listener.map(RenewalListener::close).orElse(Future.succeededFuture()));
        })
        .onSuccess(listener -> renewalListener = listener.orElse(null))
        .mapEmpty();
  }

  /** Readiness: the state consumer applies events, the CA is open, the CRL is current. No secrets, no records. */
  private HealthChecks health() {
    HealthChecks health = HealthChecks.create(vertx, "issuer");
    health.check("stateConsumer", () -> Check.of(state.running() && state.lastError() == null, new JsonObject()
        .put("eventsApplied", state.appliedEvents())
        .put("nodes", nodes.size())
        .put("certificates", certificates.size())));
    health.check("authorizerStatusConsumer", () -> Check.of(authorizerStatuses.running()
        && authorizerStatuses.lastError() == null, new JsonObject()
        .put("liveAuthorizers", new io.vertx.core.json.JsonArray(confirmations.liveInstances()))
        .put("waitingForConfirmation", confirmations.waiting())));
    health.check("certificateAuthority", () -> Check.up(new JsonObject().put("backend", ca.backend().name())));
    if (crl != null) {
      health.check("crl", () -> {
        CrlPublication.Published current = crl.current();
        boolean fresh = current != null && clock.instant().isBefore(current.nextUpdate());
        return Check.of(fresh, new JsonObject().put("nextUpdate", current == null ? null : current.nextUpdate().toString()));
      });
    }
    return health;
  }

  /** The port actually bound (tests configure 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  /** The renewal listener's bound port, or -1 when it is not running (ACM PCA without a server certificate). */
  public int renewalPort() {
    return renewalListener == null ? -1 : renewalListener.port();
  }

  public CertificateAuthority certificateAuthority() {
    return ca;
  }

  /** The CA chain as PEM: the trust anchor the authorizer's mTLS listener needs. */
  public String caChainPem() {
    return Pem.certificates(ca.caChain());
  }

  /** Where the CA chain was written ({@code <dataDir>/issuer/ca-chain.pem}). */
  public Path caChainFile() {
    return caChainFile;
  }

  public NodeRegistry nodes() {
    return nodes;
  }

  public CertificateRegistry certificates() {
    return certificates;
  }

  /** Stops in reverse start order, each part bounded: stop taking requests before the clients they use. */
  public Future<Void> close() {
    return lifecycle.stop();
  }
}
