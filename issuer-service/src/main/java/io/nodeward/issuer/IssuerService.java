package io.nodeward.issuer;

import io.nodeward.events.CaBackend;
import io.nodeward.issuer.api.IssuerApi;
import io.nodeward.issuer.api.RenewalApi;
import io.nodeward.issuer.app.CertificateIssuance;
import io.nodeward.issuer.app.CertificateRenewal;
import io.nodeward.issuer.app.CertificateRevocation;
import io.nodeward.issuer.app.CrlPublication;
import io.nodeward.issuer.app.NodeAdministration;
import io.nodeward.issuer.ca.AcmPcaCa;
import io.nodeward.issuer.ca.AcmPcaClients;
import io.nodeward.issuer.ca.CaChainFile;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.ca.LocalCa;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.issuer.domain.CertificateRegistry;
import io.nodeward.issuer.domain.NodeRegistry;
import io.nodeward.issuer.domain.PageCursors;
import io.nodeward.issuer.kafka.IssuerEvents;
import io.nodeward.issuer.kafka.StateReplay;
import io.nodeward.issuer.store.CursorKeyFile;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.kafka.TopicProvisioner;
import io.nodeward.kit.tls.Pem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The issuer, wired: the one place that constructs its adapters (CA back end, Kafka publisher and state
 * consumer, token verifier, HTTP servers). Start order: topics → cursor key → CA (and its chain file) → state
 * replayed to the end offsets → CRL → HTTP API → mutual-TLS renewal listener. Nothing is served before the
 * issuer knows every node and certificate.
 */
public final class IssuerService {

  private static final Logger LOG = LoggerFactory.getLogger(IssuerService.class);

  private final IssuerConfig config;
  private final List<Supplier<Future<Void>>> closers = new ArrayList<>();
  private final NodeRegistry nodes = new NodeRegistry();
  private final CertificateRegistry certificates = new CertificateRegistry();
  private CertificateAuthority ca;
  private Path caChainFile;
  private HttpServer server;
  private RenewalListener renewalListener;
  private PageCursors cursors;
  /** Where certificates say the CRL is; known once the API listens unless configured. */
  private volatile URI crlDistributionPoint;

  private IssuerService(IssuerConfig config) {
    this.config = config;
  }

  public static Future<IssuerService> start(Vertx vertx, IssuerConfig config) {
    IssuerService service = new IssuerService(config);
    return service.run(vertx)
        .onSuccess(v -> LOG.info("Issuer listening on {}:{} ({})", config.host(), service.port(), config))
        .recover(e -> service.close().transform(x -> Future.failedFuture(e)))
        .map(service);
  }

  private Future<Void> run(Vertx vertx) {
    Clock clock = Clock.systemUTC();
    Future<Void> topics = config.createTopics()
        ? TopicProvisioner.ensureTopics(vertx, config.kafka(), config.topicReplicationFactor(), config.topicPartitions())
        : Future.succeededFuture();
    return topics
        .compose(v -> vertx.executeBlocking(() -> CursorKeyFile.loadOrCreate(config.issuerDir()), false))
        .compose(key -> {
          cursors = new PageCursors(key);
          return openCa(vertx, clock);
        })
        .compose(authority -> writeChainFile(vertx, authority))
        .compose(v -> StateReplay.start(vertx, config.kafka(), nodes, certificates))
        .compose(state -> {
          closers.add(state::close);
          return startCrl(vertx, clock).compose(crl -> listen(vertx, state, crl, clock));
        });
  }

  private Future<CertificateAuthority> openCa(Vertx vertx, Clock clock) {
    Future<? extends CertificateAuthority> opened = config.caBackend() == CaBackend.ACM_PCA
        ? AcmPcaCa.create(vertx, AcmPcaClients.create(config.acmPca(), DefaultCredentialsProvider.builder().build()),
            config.acmPca(), config.profile())
        : LocalCa.open(vertx, config.issuerDir(), config.caKeystorePassword().toCharArray(), config.profile(), clock,
            () -> crlDistributionPoint);
    return opened.map(authority -> {
      this.ca = authority;
      closers.add(authority::close);
      return (CertificateAuthority) authority;
    });
  }

  private Future<Void> writeChainFile(Vertx vertx, CertificateAuthority authority) {
    return vertx.executeBlocking(() -> CaChainFile.write(config.issuerDir(), authority.caChain()))
        .onSuccess(path -> this.caChainFile = path)
        .mapEmpty();
  }

  /** The CRL, when this CA signs its own (ACM PCA publishes its CRL itself). */
  private Future<CrlPublication> startCrl(Vertx vertx, Clock clock) {
    if (ca.crlSigner().isEmpty()) {
      return Future.succeededFuture(null);
    }
    return CrlPublication.start(vertx, ca.crlSigner().get(), certificates, config.crl().validity(),
            config.profile().maxValidity(), clock)
        .onSuccess(crl -> closers.add(crl::close));
  }

  private Future<Void> listen(Vertx vertx, StateReplay state, CrlPublication crl, Clock clock) {
    EventPublisher publisher = EventPublisher.create(vertx, config.kafka(), IssuerConfig.EVENT_SOURCE);
    closers.add(publisher::close);
    IssuerEvents events = new IssuerEvents(publisher, nodes, certificates);
    CognitoTokenVerifier verifier = CognitoTokenVerifier.create(vertx, config.cognito());
    closers.add(verifier::close);
    IssuerApi.Dependencies dependencies = new IssuerApi.Dependencies(
        CognitoAuthHandler.create(verifier),
        new NodeAdministration(nodes, events, clock),
        new CertificateIssuance(vertx, ca, config.profile(), nodes, events, clock),
        new CertificateRevocation(ca, certificates, events, clock),
        nodes, certificates, ca, state, clock, config.bodyLimitBytes(), config.minPkcs12PasswordLength(), cursors,
        crl, config.crl().externalUrl());
    CertificateRenewal renewal = new CertificateRenewal(vertx, ca, config.profile(), nodes, certificates, events, clock);
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
        .requestHandler(IssuerApi.router(vertx, dependencies))
        .listen()
        .onSuccess(s -> {
          this.server = s;
          closers.add(s::close);
          crlDistributionPoint = (config.crl().publicUrl() != null ? config.crl().publicUrl()
              : URI.create("http://" + config.host() + ":" + s.actualPort())).resolve("/v1/crl");
        })
        .compose(s -> RenewalListener.start(vertx, config, ca, RenewalApi.router(vertx, renewal, config.bodyLimitBytes())))
        .onSuccess(listener -> {
          this.renewalListener = listener.orElse(null);
          listener.ifPresent(l -> closers.add(l::close));
        })
        .mapEmpty();
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

  /** Closes in reverse start order: stop taking requests before the clients they use. */
  public Future<Void> close() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = closers.size() - 1; i >= 0; i--) {
      Supplier<Future<Void>> closer = closers.get(i);
      chain = chain.transform(x -> closer.get().recover(e -> Future.succeededFuture()));
    }
    closers.clear();
    return chain;
  }
}
