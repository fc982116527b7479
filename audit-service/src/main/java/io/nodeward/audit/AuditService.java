package io.nodeward.audit;

import io.nodeward.audit.api.AuditApi;
import io.nodeward.audit.api.ExportSlots;
import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.app.CheckpointPublication;
import io.nodeward.audit.app.Checkpointing;
import io.nodeward.audit.app.Retention;
import io.nodeward.audit.app.TrailIngest;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.app.CachedTiles;
import io.nodeward.audit.app.LogExport;
import io.nodeward.audit.app.LogIntegrity;
import io.nodeward.audit.app.LogProofs;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.StoredNote;
import io.nodeward.audit.domain.log.LogSigner;
import io.nodeward.audit.store.LogKeyFile;
import io.nodeward.audit.config.AuditConfig;
import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.kafka.IngestVerticle;
import io.nodeward.audit.kafka.KafkaCheckpointPublication;
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
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit service, wired: Kafka ingest into the RFC 9162 log, signed checkpoints, the start check against the
 * published ones, retention, proofs and the query API. The one class that constructs adapters. Its parts start in order and stop in reverse through one
 * {@link Lifecycle}: ingest stops first, then the final checkpoint is taken, then the rest closes.
 */
public final class AuditService {

  private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
  /** Query, proof and verification workers; exports and ingest have executors of their own. */
  private static final int DATABASE_WORKERS = 4;

  private final Vertx vertx;
  private final AuditConfig config;
  private final Clock clock;
  private final Lifecycle lifecycle;
  private final EventCodec codec = new EventCodec();
  private final List<EventConsumer> consumers = new CopyOnWriteArrayList<>();
  private JdbcAuditStore store;
  private LogSigner signer;
  private WorkerExecutor workers;
  private WorkerExecutor ingestWorkers;
  private WorkerExecutor exportWorkers;
  private ExportSlots exports;
  private TrailWriter writer;
  private Checkpointing checkpoints;
  private LogIntegrity integrity;
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
          // Ingest, checkpoints and retention write through the one writer connection on threads of their own;
          // exports stream on theirs (one per export allowed): a slow reader never takes a thread ingest needs.
          ingestWorkers = lifecycle.add("ingest workers", vertx.createSharedWorkerExecutor("nodeward-audit-ingest",
              config.consumers() + 1), WorkerExecutor::close);
          exportWorkers = lifecycle.add("export workers", vertx.createSharedWorkerExecutor("nodeward-audit-export",
              config.exports().max()), WorkerExecutor::close);
          exports = new ExportSlots(config.exports().max(), config.exports().perUser(), config.exports().stallTimeout());
          writer = new TrailWriter(store, clock);
          ingest = new TrailIngest(writer, ingestWorkers, codec, config.consumerGroup());
          EventPublisher publisher = EventPublisher.create(vertx, config.kafka().withClientId("nodeward-audit-checkpoints"),
              config.source(), codec, clock);
          CheckpointPublication publication = lifecycle.add("checkpoint publisher",
              new KafkaCheckpointPublication(vertx, publisher, config.kafka().withClientId("nodeward-audit-checkpoint-reader"),
                  codec, clock), CheckpointPublication::close);
          integrity = new LogIntegrity(store, workers, publication, signer.verifierKey(), config.log().origin(),
              LogVerifier.create(signer.verifierKey(), config.log().origin(), codec));
          return integrity.checkAtStart().map(status -> publication);
        })
        .compose(publication -> {
          checkpoints = new Checkpointing(vertx, writer, store, ingestWorkers, signer, config.log().origin(), publication,
              integrity.status().publishedSize() == null ? 0 : integrity.status().publishedSize());
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
          if (integrity.tampered()) {
            // Never sign over a rewritten history, and take nothing in: Kafka keeps the events until it is restored.
            return Future.succeededFuture();
          }
          lifecycle.add("checkpointing", Duration.ofSeconds(1), checkpoints.start(config.checkpointInterval()),
              c -> c.stop().<Void>mapEmpty().onFailure(e -> LOG.warn("final checkpoint failed: {}", e.getMessage())));
          if (!config.keepsForever()) {
            Duration every = Duration.ofMillis(Math.min(config.checkpointInterval().toMillis() * 10, Duration.ofHours(1).toMillis()));
            lifecycle.add("retention", new Retention(vertx, writer, ingestWorkers, config.retention(), clock).start(every), r -> {
              r.stop();
              return Future.succeededFuture();
            });
          }
          return startConsumers();
        })
        .map(started -> {
          LOG.info("audit service listening on {}:{}, store {}, log {}", config.host(), server.actualPort(), config.store(),
              signer.verifierKey());
          return this;
        });
  }

  private JdbcAuditStore openStore() {
    signer = LogKeyFile.load(config.log().keyFile(), config.log().keyName(), config.log().createKey());
    // a read connection for every export allowed, besides those of the queries
    JdbcAuditStore opened = JdbcAuditStore.open(config.jdbcUrl(), JdbcAuditStore.DEFAULT_READERS + config.exports().max());
    try {
      opened.migrate();
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
    return opened;
  }

  private Future<HttpServer> listen(CognitoTokenVerifier tokens, ServiceMetrics metrics) {
    AuditApi.UseCases app = new AuditApi.UseCases(new TrailQueries(store, workers, exportWorkers),
        new LogProofs(store, workers, new CachedTiles(store, 4096)),
        new LogExport(store, workers, exportWorkers, config.log().origin()), integrity, signer.verifierKey(), exports);
    Router router = AuditApi.router(vertx, app, CognitoAuthHandler.create(tokens), new CursorCodec(cursorKey(signer)), clock);
    HealthChecks.create(vertx, AuditConfig.SERVICE)
        .checkAsync("store", () -> app.queries().treeSize()
            .map(size -> Check.up(new JsonObject().put("treeSize", size)))
            .otherwise(e -> Check.down("the database cannot be read")))
        .check("ingest", this::ingestCheck)
        .check("log", this::logCheck)
        .checkAsync("dedupe", this::dedupeCheck)
        .check("exports", () -> Check.up(new JsonObject().put("active", exports.active()).put("stalled", exports.stalled())
            .put("abortedStalled", exports.aborted()).put("refused", exports.refused())
            .put("max", config.exports().max()).put("perUser", config.exports().perUser())))
        .mount(router);
    registerMetrics(metrics);
    metrics.mount(vertx, router);
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout((int) config.exports().httpIdleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS);
    return vertx.createHttpServer(options).requestHandler(router).listen(config.port(), config.host());
  }

  /**
   * The audit section of the metrics contract, plus the alarms: everything read from counters the service keeps
   * anyway (never a database query at scrape time); the consumer lag is refreshed every 5 s.
   */
  private void registerMetrics(ServiceMetrics metrics) {
    MeterRegistry registry = metrics.registry();
    FunctionCounter.builder(metrics.name("ingested"), ingest, TrailIngest::stored)
        .description("Events appended to the log since start").register(registry);
    FunctionCounter.builder(metrics.name("dedupe_conflicts"), ingest, TrailIngest::conflicts)
        .description("Events whose (source, id) arrived again with different content (an alarm)").register(registry);
    FunctionCounter.builder(metrics.name("rejection_markers"), ingest, TrailIngest::markers)
        .description("Marker records for refused (unsigned, forged, malformed) events").register(registry);
    metrics.gauge("head_sequence", "Leaves in the log after the newest append", ingest::treeSize);
    metrics.gauge("checkpoint_age_seconds", "Seconds since the newest checkpoint was signed", () -> {
      StoredNote latest = checkpoints == null ? null : checkpoints.latest();
      return latest == null ? Double.NaN : Duration.between(latest.signedAt(), clock.instant()).toMillis() / 1000.0;
    });
    metrics.gauge("log_tampered", "1 when the log does not match its published checkpoints", () -> integrity.tampered() ? 1 : 0);
    metrics.gauge("exports_active", "Exports streaming now", exports::active);
    FunctionCounter.builder(metrics.name("exports_aborted"), exports, ExportSlots::aborted)
        .description("Exports aborted because their client stopped reading").register(registry);
    FunctionCounter.builder(metrics.name("exports_refused"), exports, ExportSlots::refused)
        .description("Exports refused with 429").register(registry);
    Map<Integer, AtomicLong> lag = new ConcurrentHashMap<>();
    long timer = vertx.setPeriodic(1000, 5000, id -> consumers.forEach(consumer -> consumer.lag().onSuccess(byPartition -> {
      Map<Integer, Long> sums = new HashMap<>();
      byPartition.forEach((tp, records) -> sums.merge(tp.getPartition(), records, Long::sum));
      sums.forEach((partition, records) -> lag.computeIfAbsent(partition, p -> {
        AtomicLong value = new AtomicLong();
        metrics.gauge("consumer_lag_records", "Records on the consumed topics not yet in the log, by partition",
            value::get, "partition", Integer.toString(p));
        return value;
      }).set(records));
    })));
    lifecycle.add("lag metrics", timer, t -> {
      vertx.cancelTimer(t);
      return Future.succeededFuture();
    });
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

  /**
   * Cursor MAC key derived from the checkpoint key: an Ed25519 signature is deterministic, so every instance sharing
   * the key (even one behind a KMS) derives the same MAC key and accepts the others' cursors, and nobody without
   * the key can forge one.
   */
  private static byte[] cursorKey(LogSigner signer) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(signer.sign("nodeward-audit-cursor-v1".getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Check ingestCheck() {
    if (integrity.tampered()) {
      return Check.down(new JsonObject().put("reason", "stopped: the log is TAMPERED"));
    }
    JsonObject status = new JsonObject()
        .put("stored", ingest.stored())
        .put("duplicatesSkipped", ingest.duplicates())
        .put("rejectionMarkers", ingest.markers())
        .put("appliedEvents", consumers.stream().mapToLong(EventConsumer::appliedEvents).sum())
        .put("deadLettered", deadLettered())
        .put("failedBatches", consumers.stream().mapToLong(EventConsumer::failedBatches).sum())
        .put("failing", consumers.stream().anyMatch(c -> c.lastError() != null));
    return Check.up(status);
  }

  /** The log's state; DOWN when TAMPERED. Sizes and age only, never content. */
  private Check logCheck() {
    LogIntegrity.Status status = integrity.status();
    JsonObject details = new JsonObject().put("state", status.state().name());
    StoredNote latest = checkpoints.latest();
    if (latest != null) {
      details.put("checkpointSize", latest.treeSize())
          .put("checkpointAgeSeconds", Math.max(0, Duration.between(latest.signedAt(), clock.instant()).toSeconds()));
    }
    details.put("publishedSize", checkpoints.publishedSize());
    if (status.finding() != null) {
      details.put("firstProblem", new JsonObject().put("sequence", status.finding().sequence())
          .put("kind", status.finding().kind().name()));
    }
    return Check.of(status.state() != LogIntegrity.State.TAMPERED, details);
  }

  /** DOWN for a day after the same (source, id) arrived with different content: an alarm, kept across restarts. */
  private Future<Check> dedupeCheck() {
    return workers.executeBlocking(() -> store.conflictsSince(clock.instant().minus(Duration.ofDays(1))), false)
        .map(recent -> recent.isEmpty()
            ? Check.up(new JsonObject().put("conflictsLastDay", 0))
            : Check.down(new JsonObject().put("conflictsLastDay", recent.size())
                .put("reason", "the same event id arrived with different content; see the log for source and id")));
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

  /** The export slots: how many stream, wait for their clients, were aborted or refused. */
  public ExportSlots exports() {
    return exports;
  }

  public LogIntegrity integrity() {
    return integrity;
  }

  public LogSigner signer() {
    return signer;
  }

  /** Stops ingest, takes the final checkpoint, then closes the server, Kafka clients and the database. */
  public Future<Void> close() {
    return lifecycle.stop();
  }
}
