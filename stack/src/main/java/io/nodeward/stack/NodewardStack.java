package io.nodeward.stack;

import io.nodeward.audit.AuditService;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.issuer.IssuerService;
import io.nodeward.issuer.ca.GatewayTlsFiles;
import io.nodeward.issuer.ca.LocalCa;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of nodeward in one JVM: a real Kafka broker, the dev identity provider, the issuer with its local
 * CA, a demo node, the authorizer's mTLS gateway and the audit service on SQLite. Each service is started
 * through its own wiring class with its own config read from the environment; the stack fills in only what
 * it alone knows (the broker's address, the CA chain and gateway certificate paths, the dev pool's issuer).
 */
public final class NodewardStack {

  private static final Logger LOG = LoggerFactory.getLogger(NodewardStack.class);

  private final Vertx vertx;
  private final List<Closer> closers = new ArrayList<>();
  private EmbeddedKafka kafka;
  private String bootstrapServers;
  private DevIdentityProvider identity;
  private IssuerService issuer;
  private DemoNode demoNode;
  private AuthorizerService authorizer;
  private AuditService audit;
  private String aliceUserId;

  /** How long one component may take to stop before the others are stopped anyway. */
  private static final long CLOSE_TIMEOUT_SECONDS = 15;

  private record Closer(String name, Supplier<Future<Void>> close) {
  }

  private NodewardStack(Vertx vertx) {
    this.vertx = vertx;
  }

  public static Future<NodewardStack> start(Vertx vertx, StackConfig config) {
    NodewardStack stack = new NodewardStack(vertx);
    return stack.startAll(config)
        .map(stack)
        .recover(e -> stack.close().transform(x -> Future.failedFuture(e)));
  }

  private Future<Void> startAll(StackConfig config) {
    Map<String, String> known = new HashMap<>();
    known.put("NODEWARD_DATA_DIR", config.dataDir().toString());
    return startKafka(config)
        .compose(v -> {
          known.put("NODEWARD_KAFKA_BOOTSTRAP", bootstrapServers);
          return DevIdentityProvider.start(vertx, DevIdentityConfig.fromEnv(config.env().with(known)));
        })
        .compose(idp -> {
          identity = idp;
          closers.add(new Closer("dev identity provider", idp::close));
          if (!config.env().isSet("NODEWARD_COGNITO_ISSUER")) {
            known.put("NODEWARD_COGNITO_ISSUER", idp.issuer());
          }
          return IssuerService.start(vertx, IssuerConfig.fromEnv(config.env().with(known)));
        })
        .compose(started -> {
          issuer = started;
          closers.add(new Closer("issuer", started::close));
          return gatewayTls(config, known);
        })
        .compose(v -> DemoNode.start(vertx, "127.0.0.1", config.demoNodePort()))
        .compose(node -> {
          demoNode = node;
          closers.add(new Closer("demo node", node::close));
          known.put("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", issuer.caChainFile().toString());
          return AuthorizerService.start(vertx, AuthorizerConfig.fromEnv(config.env().with(known)));
        })
        .compose(started -> {
          authorizer = started;
          closers.add(new Closer("authorizer", started::close));
          return AuditService.start(vertx, AuditConfig.fromEnv(config.env().with(known)));
        })
        .compose(started -> {
          audit = started;
          closers.add(new Closer("audit", started::close));
          if (!config.provisionDemoNode()) {
            return Future.succeededFuture();
          }
          return DemoProvisioning.provision(vertx, identity, issuer.port(), "http://127.0.0.1:" + demoNode.port())
              .onSuccess(sub -> aliceUserId = sub)
              .mapEmpty();
        });
  }

  private Future<Void> startKafka(StackConfig config) {
    if (config.env().isSet("NODEWARD_KAFKA_BOOTSTRAP")) {
      bootstrapServers = config.env().string("NODEWARD_KAFKA_BOOTSTRAP", null);
      LOG.info("Using the Kafka at {} (NODEWARD_KAFKA_BOOTSTRAP); no in-process broker", bootstrapServers);
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> EmbeddedKafka.start(config.kafkaDir(), config.kafkaPort()), false)
        .map(broker -> {
          kafka = broker;
          bootstrapServers = broker.bootstrapServers();
          closers.add(new Closer("Kafka broker", () -> vertx.executeBlocking(() -> {
            broker.close();
            return null;
          }, false)));
          return null;
        });
  }

  /** The gateway certificate comes from the local CA; with ACM PCA, configure the TLS paths explicitly. */
  private Future<Void> gatewayTls(StackConfig config, Map<String, String> known) {
    Env env = config.env();
    if (env.isSet("NODEWARD_AUTHORIZER_TLS_CERT_PEM") && env.isSet("NODEWARD_AUTHORIZER_TLS_KEY_PEM")) {
      return Future.succeededFuture();
    }
    if (!(issuer.certificateAuthority() instanceof LocalCa localCa)) {
      return Future.failedFuture(new IllegalStateException("With NODEWARD_CA_BACKEND=acm-pca set "
          + "NODEWARD_AUTHORIZER_TLS_CERT_PEM and NODEWARD_AUTHORIZER_TLS_KEY_PEM to the gateway's certificate and key"));
    }
    known.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", config.gatewayTlsDir().resolve(GatewayTlsFiles.CERT_FILE).toString());
    known.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", config.gatewayTlsDir().resolve(GatewayTlsFiles.KEY_FILE).toString());
    return vertx.executeBlocking(() -> {
      GatewayTlsFiles.ensure(localCa, GatewayTlsFiles.Settings.loopback(config.gatewayTlsDir()));
      return null;
    }, false);
  }

  /**
   * Stops everything started, newest first; the broker last, so the services' final events get out. A component
   * that does not stop in time is reported and passed over, so that the broker still gets its clean shutdown.
   */
  public Future<Void> close() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = closers.size() - 1; i >= 0; i--) {
      Closer closer = closers.get(i);
      chain = chain.transform(x -> timed(closer)
          .timeout(CLOSE_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
          .recover(e -> {
            LOG.warn("The {} did not stop cleanly: {}", closer.name(), e.getMessage());
            return Future.succeededFuture();
          }));
    }
    closers.clear();
    return chain;
  }

  private static Future<Void> timed(Closer closer) {
    long started = System.nanoTime();
    return closer.close().get()
        .onSuccess(v -> LOG.info("Stopped the {} in {} ms", closer.name(), (System.nanoTime() - started) / 1_000_000));
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public DevIdentityProvider identity() {
    return identity;
  }

  public IssuerService issuer() {
    return issuer;
  }

  public AuthorizerService authorizer() {
    return authorizer;
  }

  public AuditService audit() {
    return audit;
  }

  public DemoNode demoNode() {
    return demoNode;
  }

  /** Alice's user id (her Cognito sub) when the demo node was provisioned for her, else null. */
  public String aliceUserId() {
    return aliceUserId;
  }
}
