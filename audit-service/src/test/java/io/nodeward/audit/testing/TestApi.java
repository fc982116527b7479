package io.nodeward.audit.testing;

import io.nodeward.audit.api.AuditApi;
import io.nodeward.audit.api.ExportSlots;
import io.nodeward.audit.app.AuditStore;
import io.nodeward.audit.app.CachedTiles;
import io.nodeward.audit.app.CheckpointPublication;
import io.nodeward.audit.app.LogExport;
import io.nodeward.audit.app.LogIntegrity;
import io.nodeward.audit.app.LogProofs;
import io.nodeward.audit.app.TrailQueries;
import io.nodeward.audit.domain.LogVerifier;
import io.nodeward.audit.domain.log.Checkpoint;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.domain.log.VerifierKey;
import io.nodeward.events.EventCodec;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;

/** The HTTP API's use cases over a store, as the service wires them, for API tests without Kafka. */
public final class TestApi {

  private TestApi() {
  }

  /** A publication that holds nothing and publishes nowhere: the API tests do not need a broker. */
  public static CheckpointPublication nowhere() {
    return new CheckpointPublication() {
      @Override
      public Future<Void> publish(String origin, long treeSize, byte[] rootHash, String note) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Optional<Checkpoint>> newest(String origin, VerifierKey key) {
        return Future.succeededFuture(Optional.empty());
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
  }

  public static AuditApi.UseCases useCases(AuditStore store, WorkerExecutor workers, Ed25519KeySigner key) {
    VerifierKey verifierKey = key.verifierKey();
    LogIntegrity integrity = new LogIntegrity(store, workers, nowhere(), verifierKey, TestLog.ORIGIN,
        LogVerifier.create(verifierKey, TestLog.ORIGIN, new EventCodec()));
    return new AuditApi.UseCases(new TrailQueries(store, workers), new LogProofs(store, workers, new CachedTiles(store, 64)),
        new LogExport(store, workers, TestLog.ORIGIN), integrity, verifierKey,
        new ExportSlots(4, 2, java.time.Duration.ofSeconds(30)));
  }
}
