package io.nodeward.stack;

import io.nodeward.audit.AuditService;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.authorizer.AuthorizerService;
import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.console.ConsoleService;
import io.nodeward.console.config.ConsoleConfig;
import io.nodeward.events.ProducerRole;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.issuer.IssuerService;
import io.nodeward.issuer.app.CertificateAuthority;
import io.nodeward.issuer.ca.GatewayTlsFiles;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kafka.embedded.EmbeddedKafka;
import io.nodeward.kit.app.Lifecycle;
import io.nodeward.kit.config.Env;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of nodeward in one JVM: a real Kafka broker, the dev identity provider, the issuer with its local
 * CA, a demo node, the authorizer's mTLS gateway, the audit service on SQLite and the web console. Each service is started
 * through its own wiring class with its own config read from the environment; the stack fills in only what
 * it alone knows (the broker's address, the CA chain and gateway certificate paths, the dev pool's issuer).
 */
public final class NodewardStack {

  private static final Logger LOG = LoggerFactory.getLogger(NodewardStack.class);

  /**
   * How long each service may take to stop before the rest are stopped anyway; its own components are bounded
   * within this. The broker gets longer: a clean broker stop writes its checkpoint, and it is the last one.
   * Normally everything stops in well under a second; these bounds keep SIGTERM under about 5 s even with one
   * component stuck.
   */
  static final Duration SERVICE_STOP_TIMEOUT = Duration.ofSeconds(3);
  static final Duration BROKER_STOP_TIMEOUT = Duration.ofSeconds(5);
  static final Duration SMALL_STOP_TIMEOUT = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final Lifecycle lifecycle;
  private EmbeddedKafka kafka;
  private String bootstrapServers;
  private DevIdentityProvider identity;
  private IssuerService issuer;
  private DemoNode demoNode;
  private AuthorizerService authorizer;
  private Env authorizerEnv;
  private AuditService audit;
  private ConsoleService console;
  private String aliceUserId;

  private NodewardStack(Vertx vertx) {
    this.vertx = vertx;
    this.lifecycle = Lifecycle.create(vertx, "nodeward stack");
  }

  public static Future<NodewardStack> start(Vertx vertx, StackConfig config) {
    NodewardStack stack = new NodewardStack(vertx);
    return stack.lifecycle.run(() -> stack.startAll(config)).map(stack);
  }

  private Future<Void> startAll(StackConfig config) {
    Map<String, String> known = new HashMap<>();
    known.put("NODEWARD_DATA_DIR", config.dataDir().toString());
    StackEventKeys keys = StackEventKeys.ensure(config);
    return startKafka(config)
        .compose(v -> bindConsole(config))
        .compose(v -> {
          known.put("NODEWARD_KAFKA_BOOTSTRAP", bootstrapServers);
          registerConsoleWithIdentity(config, known);
          DevIdentityConfig identityConfig = DevIdentityConfig.fromEnv(config.env().with(known));
          return lifecycle.start("dev identity provider", SMALL_STOP_TIMEOUT,
              () -> DevIdentityProvider.start(vertx, identityConfig), DevIdentityProvider::close);
        })
        .compose(idp -> {
          identity = idp;
          if (!config.env().isSet("NODEWARD_COGNITO_ISSUER")) {
            known.put("NODEWARD_COGNITO_ISSUER", idp.issuer());
          }
          IssuerConfig issuerConfig = IssuerConfig.fromEnv(serviceEnv(config, known, keys, ProducerRole.ISSUER));
          return lifecycle.start("issuer", SERVICE_STOP_TIMEOUT, () -> IssuerService.start(vertx, issuerConfig),
              IssuerService::close);
        })
        .compose(started -> {
          issuer = started;
          return gatewayTls(config, known);
        })
        .compose(v -> lifecycle.start("demo node", SMALL_STOP_TIMEOUT,
            () -> DemoNode.start(vertx, "127.0.0.1", config.demoNodePort()), DemoNode::close))
        .compose(node -> {
          demoNode = node;
          known.put("NODEWARD_AUTHORIZER_TRUST_CHAIN_PEM", issuer.caChainFile().toString());
          authorizerEnv = serviceEnv(config, known, keys, ProducerRole.AUTHORIZER);
          AuthorizerConfig authorizerConfig = AuthorizerConfig.fromEnv(authorizerEnv);
          return lifecycle.start("authorizer", SERVICE_STOP_TIMEOUT,
              () -> AuthorizerService.start(vertx, authorizerConfig), AuthorizerService::close);
        })
        .compose(started -> {
          authorizer = started;
          AuditConfig auditConfig = AuditConfig.fromEnv(serviceEnv(config, known, keys, ProducerRole.AUDIT));
          return lifecycle.start("audit", SERVICE_STOP_TIMEOUT, () -> AuditService.start(vertx, auditConfig),
              AuditService::close);
        })
        .compose(started -> {
          audit = started;
          if (!config.provisionDemoNode()) {
            return Future.succeededFuture();
          }
          return DemoProvisioning.provision(vertx, identity, issuer.port(), "http://127.0.0.1:" + demoNode.port())
              .onSuccess(sub -> aliceUserId = sub)
              .mapEmpty();
        })
        .compose(v -> serveConsole(config, known));
  }

  /**
   * The console's port is bound first, so that the identity provider can be told the console's real redirect and
   * sign-out URLs even when the port was picked by the system (tests); it answers 503 until it is served.
   */
  private Future<Void> bindConsole(StackConfig config) {
    ConsoleConfig bind = ConsoleConfig.fromEnv(config.env());
    return lifecycle.start("console", SERVICE_STOP_TIMEOUT, () -> ConsoleService.listen(vertx, bind.host(), bind.port()),
            ConsoleService::close)
        .map(bound -> {
          console = bound;
          return null;
        });
  }

  /** A service's environment: the shared one, its own variables, then what the stack alone knows. */
  private static Env serviceEnv(StackConfig config, Map<String, String> known, StackEventKeys keys, ProducerRole role) {
    return config.envFor(role).with(known).with(keys.forRole(role));
  }

  /** Unless configured otherwise, the hosted UI may send browsers back to this console only. */
  private void registerConsoleWithIdentity(StackConfig config, Map<String, String> known) {
    String url = console.publicUrl();
    String alias = url.replace("://127.0.0.1:", "://localhost:");
    if (!config.env().isSet("NODEWARD_IDP_REDIRECT_URIS")) {
      known.put("NODEWARD_IDP_REDIRECT_URIS", url + "/callback," + alias + "/callback");
    }
    if (!config.env().isSet("NODEWARD_IDP_LOGOUT_URIS")) {
      known.put("NODEWARD_IDP_LOGOUT_URIS", url + "/signed-out," + alias + "/signed-out");
    }
  }

  /** The console last: a client of the issuer's and audit service's public APIs, with each user's own token. */
  private Future<Void> serveConsole(StackConfig config, Map<String, String> known) {
    putUnlessSet(config, known, "NODEWARD_CONSOLE_HOSTED_UI_URL", identity.baseUrl());
    putUnlessSet(config, known, "NODEWARD_CONSOLE_ISSUER_URL", "http://127.0.0.1:" + issuer.port());
    putUnlessSet(config, known, "NODEWARD_CONSOLE_AUDIT_URL", "http://127.0.0.1:" + audit.port());
    // Its stop is registered already (with its port): one component, stopped just before the broker.
    return console.serve(ConsoleConfig.fromEnv(config.env().with(known))).mapEmpty();
  }

  private static void putUnlessSet(StackConfig config, Map<String, String> known, String name, String value) {
    if (!config.env().isSet(name)) {
      known.put(name, value);
    }
  }

  private Future<Void> startKafka(StackConfig config) {
    if (config.env().isSet("NODEWARD_KAFKA_BOOTSTRAP")) {
      bootstrapServers = config.env().string("NODEWARD_KAFKA_BOOTSTRAP", null);
      LOG.info("Using the Kafka at {} (NODEWARD_KAFKA_BOOTSTRAP); no in-process broker", bootstrapServers);
      return Future.succeededFuture();
    }
    return lifecycle.start("Kafka broker", BROKER_STOP_TIMEOUT,
            () -> vertx.executeBlocking(() -> EmbeddedKafka.start(config.kafkaDir(), config.kafkaPort()), false),
            broker -> Lifecycle.blocking(vertx, "kafka-broker", broker::close))
        .map(broker -> {
          kafka = broker;
          bootstrapServers = broker.bootstrapServers();
          return null;
        });
  }

  /** The gateway certificate comes from the local CA; with ACM PCA, configure the TLS paths explicitly. */
  private Future<Void> gatewayTls(StackConfig config, Map<String, String> known) {
    Env env = config.env();
    if (env.isSet("NODEWARD_AUTHORIZER_TLS_CERT_PEM") && env.isSet("NODEWARD_AUTHORIZER_TLS_KEY_PEM")) {
      return Future.succeededFuture();
    }
    CertificateAuthority ca = issuer.certificateAuthority();
    if (ca.serverCertificates().isEmpty()) {
      return Future.failedFuture(new IllegalStateException("With NODEWARD_CA_BACKEND=acm-pca set "
          + "NODEWARD_AUTHORIZER_TLS_CERT_PEM and NODEWARD_AUTHORIZER_TLS_KEY_PEM to the gateway's certificate and key"));
    }
    known.put("NODEWARD_AUTHORIZER_TLS_CERT_PEM", config.gatewayTlsDir().resolve(GatewayTlsFiles.CERT_FILE).toString());
    known.put("NODEWARD_AUTHORIZER_TLS_KEY_PEM", config.gatewayTlsDir().resolve(GatewayTlsFiles.KEY_FILE).toString());
    return vertx.executeBlocking(() -> {
      GatewayTlsFiles.ensure(ca.serverCertificates().get(), ca.caChain(),
          GatewayTlsFiles.Settings.loopback(config.gatewayTlsDir()));
      return null;
    }, false);
  }

  /**
   * Stops everything started, newest first; the broker last, so the services' final events get out. Each
   * component is bounded ({@link Lifecycle}): one that does not stop in time is named in the log and passed
   * over, so that the broker still gets its clean shutdown.
   */
  public Future<Void> close() {
    return lifecycle.stop();
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

  /**
   * The environment the stack's authorizer started with (broker, trust chain, gateway certificate, event keys):
   * tests start more instances from it against the same broker, each with its own id, ports and data directory.
   */
  public Env authorizerEnv() {
    return authorizerEnv;
  }

  public AuditService audit() {
    return audit;
  }

  public ConsoleService console() {
    return console;
  }

  public DemoNode demoNode() {
    return demoNode;
  }

  /** Alice's user id (her Cognito sub) when the demo node was provisioned for her, else null. */
  public String aliceUserId() {
    return aliceUserId;
  }
}
