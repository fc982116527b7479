package io.nodeward.audit;

import io.nodeward.audit.api.AuditApi;
import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.app.CheckpointPublication;
import io.nodeward.audit.app.Checkpointing;
import io.nodeward.audit.app.Retention;
import io.nodeward.audit.app.TrailIngest;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.CheckpointSigner;
import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.kafka.IngestVerticle;
import io.nodeward.audit.kafka.KafkaCheckpointPublication;
import io.nodeward.audit.store.CheckpointKeyFile;
import io.nodeward.audit.store.JdbcAuditStore;
import io.nodeward.events.EventCodec;
import io.nodeward.events.Topics;
import io.nodeward.kit.app.Lifecycle;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.health.Check;
import io.nodeward.kit.health.HealthChecks;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.EventPublisher;
import io.nodeward.kit.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit service, wired: Kafka ingest into the hash-chained store, signed checkpoints, retention, and the
 * query API. The one class that constructs adapters. Its parts start in order and stop in reverse through one
 * {@link Lifecycle}: ingest stops first, then the final checkpoint is taken, then the rest closes.
 */
public final class AuditService {

  private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
  private static final int DATABASE_WORKERS = 4;

  private final Vertx vertx;
  private final AuditConfig config;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final EventCodec codec = new EventCodec();
  private final List<EventConsumer> consumers = new CopyOnWriteArrayList<>();
  private JdbcAuditStore store;
  private KeyPair key;
  private WorkerExecutor workers;
  private TrailWriter writer;
  private Checkpointing checkpoints;
  private TrailIngest ingest;
  private HttpServer server;

  private AuditService(Vertx vertx, AuditConfig config, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.lifecycle = Lifecycle.create(vertx, "audit");
  }

  public static Future<AuditService> start(Vertx vertx, AuditConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  public static Future<AuditService> start(Vertx vertx, AuditConfig config, Clock clock) {
    AuditService service = new AuditService(vertx, config, clock);
    return service.lifecycle.run(service::begin);
  }

  private Future<AuditService> begin() {
    return lifecycle.start("store", () -> vertx.executeBlocking(this::openStore, false),
            opened -> Lifecycle.blocking(vertx, "audit-store", opened::close))
        .compose(opened -> {
          store = opened;
          workers = lifecycle.add("database workers", vertx.createSharedWorkerExecutor("nodeward-audit-db", DATABASE_WORKERS),
              WorkerExecutor::close);
          writer = new TrailWriter(store, clock);
          EventPublisher publisher = EventPublisher.create(vertx, config.kafka().withClientId("nodeward-audit-checkpoints"),
              config.source(), codec, clock);
          CheckpointPublication publication = lifecycle.add("checkpoint publisher",
              new KafkaCheckpointPublication(publisher, clock), CheckpointPublication::close);
          checkpoints = new Checkpointing(vertx, writer, workers, new CheckpointSigner(key), publication, clock);
          ingest = new TrailIngest(writer, workers, codec);
          CognitoTokenVerifier tokens = lifecycle.add("token verifier", CognitoTokenVerifier.create(vertx, config.cognito()),
              CognitoTokenVerifier::close);
          ServiceMetrics metrics = lifecycle.add("metrics", ServiceMetrics.create(AuditConfig.SERVICE), m -> {
            m.close();
            return Future.succeededFuture();
          });
          return lifecycle.start("http server", () -> listen(tokens, metrics), HttpServer::close);
        })
        .compose(listening -> {
          server = listening;
          lifecycle.add("checkpointing", Duration.ofSeconds(1), checkpoints.start(config.checkpointInterval()),
              c -> c.stop().<Void>mapEmpty().onFailure(e -> LOG.warn("final checkpoint failed: {}", e.getMessage())));
          if (!config.keepsForever()) {
            Duration every = Duration.ofMillis(Math.min(config.checkpointInterval().toMillis() * 10, Duration.ofHours(1).toMillis()));
            lifecycle.add("retention", new Retention(vertx, writer, workers, config.retention(), clock).start(every), r -> {
              r.stop();
              return Future.succeededFuture();
            });
          }
          return startConsumers();
        })
        .map(started -> {
          LOG.info("audit service listening on {}:{}, store {}", config.host(), server.actualPort(), config.store());
          return this;
        });
  }

  private JdbcAuditStore openStore() {
    key = CheckpointKeyFile.loadOrCreate(config.keyDir());
    JdbcAuditStore opened = JdbcAuditStore.open(config.jdbcUrl());
    try {
      opened.migrate();
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
    return opened;
  }

  private Future<HttpServer> listen(CognitoTokenVerifier tokens, ServiceMetrics metrics) {
    TrailQueries queries = new TrailQueries(store, workers, ChainVerifier.create(key.getPublic(), codec));
    Router router = AuditApi.router(vertx, queries, CognitoAuthHandler.create(tokens), new CursorCodec(cursorKey(key)), clock);
    HealthChecks.create(vertx, AuditConfig.SERVICE)
        .checkAsync("store", () -> queries.head()
            .map(head -> Check.up(new JsonObject().put("headSequence", head.sequence())))
            .otherwise(e -> Check.down("the database cannot be read")))
        .check("ingest", this::ingestCheck)
        .mount(router);
    metrics.mount(vertx, router);
    return vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host());
  }

  /**
   * Several consumers in the one group, each on its own event loop: while one batch is in the database the next
   * is being decoded and validated. The single writer connection and the trail lock keep the appends in order.
   * Started together so they join the group in one rebalance instead of one rebalance each.
   */
  private Future<Void> startConsumers() {
    ConsumerSpec spec = ConsumerSpec.group(config.consumerGroup(), Topics.NODES, Topics.CERTIFICATES, Topics.DECISIONS)
        .withMaxPollRecords(config.batchSize());
    List<Future<String>> deployments = new ArrayList<>();
    for (int i = 0; i < config.consumers(); i++) {
      IngestVerticle verticle = new IngestVerticle(config.kafka().withClientId("nodeward-audit-" + i), spec, ingest, codec);
      deployments.add(vertx.deployVerticle(verticle).onSuccess(id -> consumers.add(verticle.consumer())));
    }
    return lifecycle.start("consumers", Duration.ofMillis(1500), () -> Future.all(deployments).map(all -> all.<String>list()),
        ids -> Future.all(ids.stream().map(vertx::undeploy).toList()).mapEmpty()).mapEmpty();
  }

  /** Cursor MAC key derived from the checkpoint key: instances sharing that key accept each other's cursors. */
  private static byte[] cursorKey(KeyPair key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getPrivate().getEncoded(), "HmacSHA256"));
      return mac.doFinal("nodeward-audit-cursor-v1".getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Check ingestCheck() {
    JsonObject status = new JsonObject()
        .put("stored", ingest.stored())
        .put("duplicatesSkipped", ingest.duplicates())
        .put("appliedEvents", consumers.stream().mapToLong(EventConsumer::appliedEvents).sum())
        .put("deadLettered", deadLettered())
        .put("failedBatches", consumers.stream().mapToLong(EventConsumer::failedBatches).sum())
        .put("failing", consumers.stream().anyMatch(c -> c.lastError() != null));
    if (checkpoints.latest() != null) {
      status.put("lastCheckpointSequence", checkpoints.latest().sequence());
    }
    return Check.up(status);
  }

  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  public AuditConfig config() {
    return config;
  }

  /** The store itself (tests and benchmarks read it directly). */
  public AuditStore store() {
    return store;
  }

  public TrailIngest ingest() {
    return ingest;
  }

  /** Records that were not valid events and went to the dead-letter topic, since start. */
  public long deadLettered() {
    return consumers.stream().mapToLong(EventConsumer::deadLettered).sum();
  }

  /** Succeeds once every event that was on the topics when called is stored. */
  public Future<Void> awaitCaughtUp() {
    return Future.all(consumers.stream().map(EventConsumer::awaitCaughtUp).toList()).mapEmpty();
  }

  public Checkpointing checkpoints() {
    return checkpoints;
  }

  /** Stops ingest, takes the final checkpoint, then closes the server, Kafka clients and the database. */
  public Future<Void> close() {
    return lifecycle.stop();
  }
}
