package io.nodeward.audit;

import io.nodeward.audit.api.AuditApi;
import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.app.CheckpointPublication;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.audit.domain.ChainVerifier;
import io.nodeward.audit.domain.CheckpointSigner;
import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.app.TrailIngest;
import io.nodeward.audit.app.Checkpointing;
import io.nodeward.audit.kafka.IngestVerticle;
import io.nodeward.audit.store.CheckpointKeyFile;
import io.nodeward.audit.store.JdbcAuditStore;
import io.nodeward.audit.kafka.KafkaCheckpointPublication;
import io.nodeward.audit.app.Retention;
import io.nodeward.events.EventCodec;
import io.nodeward.events.Topics;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.kafka.ConsumerSpec;
import io.nodeward.kit.kafka.EventConsumer;
import io.nodeward.kit.kafka.EventPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
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
 * query API. The one class that constructs adapters.
 */
public final class AuditService {

  private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
  private static final int DATABASE_WORKERS = 4;

  private final AuditConfig config;
  private final JdbcAuditStore store;
  private final WorkerExecutor workers;
  private final CheckpointPublication publication;
  private final Checkpointing checkpoints;
  private final TrailWriter writer;
  private final CognitoTokenVerifier tokens;
  private final Clock clock;
  private Retention retention;
  private final List<EventConsumer> consumers = new CopyOnWriteArrayList<>();
  private final List<String> deploymentIds = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private TrailIngest ingest;
  private HttpServer server;

  private AuditService(AuditConfig config, JdbcAuditStore store, WorkerExecutor workers, CheckpointPublication publication,
      Checkpointing checkpoints, TrailWriter writer, CognitoTokenVerifier tokens, Clock clock) {
    this.config = config;
    this.store = store;
    this.workers = workers;
    this.publication = publication;
    this.checkpoints = checkpoints;
    this.writer = writer;
    this.tokens = tokens;
    this.clock = clock;
  }

  public static Future<AuditService> start(Vertx vertx, AuditConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  public static Future<AuditService> start(Vertx vertx, AuditConfig config, Clock clock) {
    return vertx.executeBlocking(() -> openStore(config), false).compose(opened -> {
      WorkerExecutor workers = vertx.createSharedWorkerExecutor("nodeward-audit-db", DATABASE_WORKERS);
      EventCodec codec = new EventCodec();
      EventPublisher publisher = EventPublisher.create(vertx, config.kafka().withClientId("nodeward-audit-checkpoints"),
          AuditConfig.SOURCE, codec, clock);
      CheckpointPublication publication = new KafkaCheckpointPublication(publisher, clock);
      TrailWriter writer = new TrailWriter(opened.store, clock);
      Checkpointing checkpoints = new Checkpointing(vertx, writer, workers, new CheckpointSigner(opened.key), publication, clock);
      CognitoTokenVerifier tokens = CognitoTokenVerifier.create(vertx, config.cognito());
      AuditService service = new AuditService(config, opened.store, workers, publication, checkpoints, writer, tokens, clock);
      return service.begin(vertx, opened.key, codec)
          .recover(e -> service.close().transform(x -> Future.failedFuture(e)));
    });
  }

  private record Opened(JdbcAuditStore store, KeyPair key) {
  }

  private static Opened openStore(AuditConfig config) {
    KeyPair key = CheckpointKeyFile.loadOrCreate(config.keyDir());
    JdbcAuditStore store = JdbcAuditStore.open(config.jdbcUrl());
    try {
      store.migrate();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return new Opened(store, key);
  }

  private Future<AuditService> begin(Vertx vertx, KeyPair key, EventCodec codec) {
    this.vertx = vertx;
    ingest = new TrailIngest(writer, workers, codec);
    TrailQueries queries = new TrailQueries(store, workers, ChainVerifier.create(key.getPublic(), codec));
    var router = AuditApi.router(vertx, queries, CognitoAuthHandler.create(tokens), new CursorCodec(cursorKey(key)),
        this::ingestStatus, clock);
    ConsumerSpec spec = ConsumerSpec.group(config.consumerGroup(), Topics.NODES, Topics.CERTIFICATES, Topics.DECISIONS)
        .withMaxPollRecords(config.batchSize());
    return vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host())
        .compose(http -> {
          server = http;
          return startConsumers(vertx, spec, codec, config.consumers());
        })
        .map(started -> {
          checkpoints.start(config.checkpointInterval());
          if (!config.keepsForever()) {
            retention = new Retention(vertx, writer, workers, config.retention(), clock)
                .start(Duration.ofMillis(Math.min(config.checkpointInterval().toMillis() * 10, Duration.ofHours(1).toMillis())));
          }
          LOG.info("audit service listening on {}:{}, store {}", config.host(), server.actualPort(), config.store());
          return this;
        });
  }

  /**
   * Several consumers in the one group, each on its own event loop: while one batch is in the database the next
   * is being decoded and validated. The single writer connection and the trail lock keep the appends in order.
   * Started together so they join the group in one rebalance instead of one rebalance each.
   */
  private Future<Void> startConsumers(Vertx vertx, ConsumerSpec spec, EventCodec codec, int count) {
    List<Future<String>> deployments = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      IngestVerticle verticle = new IngestVerticle(config.kafka().withClientId("nodeward-audit-" + i), spec, ingest, codec);
      deployments.add(vertx.deployVerticle(verticle).onSuccess(id -> {
        deploymentIds.add(id);
        consumers.add(verticle.consumer());
      }));
    }
    return Future.all(deployments).mapEmpty();
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

  private JsonObject ingestStatus() {
    JsonObject status = new JsonObject()
        .put("stored", ingest == null ? 0 : ingest.stored())
        .put("duplicatesSkipped", ingest == null ? 0 : ingest.duplicates());
    status.put("appliedEvents", consumers.stream().mapToLong(EventConsumer::appliedEvents).sum())
        .put("deadLettered", deadLettered())
        .put("failedBatches", consumers.stream().mapToLong(EventConsumer::failedBatches).sum())
        .put("failing", consumers.stream().anyMatch(c -> c.lastError() != null));
    if (checkpoints.latest() != null) {
      status.put("lastCheckpointSequence", checkpoints.latest().sequence());
    }
    return status;
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

  /** Stops ingest, publishes a final checkpoint, then closes the server, Kafka clients and the database. */
  public Future<Void> close() {
    if (retention != null) {
      retention.stop();
    }
    Future<Void> stopConsumer = vertx == null ? Future.succeededFuture()
        : Future.all(deploymentIds.stream().map(id -> vertx.undeploy(id)).toList()).mapEmpty();
    return stopConsumer
        .transform(x -> checkpoints.stop().<Void>mapEmpty()
            .onFailure(e -> LOG.warn("final checkpoint failed: {}", e.getMessage())))
        .transform(x -> server == null ? Future.<Void>succeededFuture() : server.close())
        .transform(x -> publication.close())
        .transform(x -> tokens.close())
        .transform(x -> workers.close())
        .transform(x -> {
          store.close();
          return Future.<Void>succeededFuture();
        })
        .recover(e -> Future.succeededFuture());
  }
}
