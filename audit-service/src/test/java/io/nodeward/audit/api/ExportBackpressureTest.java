package io.nodeward.audit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.audit.testing.TestEvents;
import io.nodeward.audit.domain.AuditQuery;
import io.nodeward.audit.domain.log.Ed25519KeySigner;
import io.nodeward.audit.testing.TestApi;
import io.nodeward.audit.testing.TestLog;
import io.nodeward.audit.domain.CursorCodec;
import io.nodeward.audit.domain.IncomingEvent;
import io.nodeward.audit.app.TrailWriter;
import io.nodeward.audit.store.JdbcAuditStore;
import io.vertx.core.WorkerExecutor;
import io.nodeward.audit.app.AuditStore;
import io.nodeward.events.EventCodec;
import io.nodeward.identity.DevIdentityConfig;
import io.nodeward.identity.DevIdentityProvider;
import io.nodeward.identity.DevUsers;
import io.nodeward.kit.auth.CognitoAuthHandler;
import io.nodeward.kit.auth.CognitoConfig;
import io.nodeward.kit.auth.CognitoTokenVerifier;
import io.nodeward.kit.testing.Await;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export reads its database cursor only as fast as the client takes the bytes: a client that stops reading
 * stops the cursor, instead of the server loading the range into memory.
 */
class ExportBackpressureTest {

  private static final int EVENTS = 20_000;

  @TempDir
  Path dir;

  @Test
  void aClientThatStopsReadingStopsTheDatabaseCursorAndGetsEverythingWhenItResumes() throws Exception {
    Vertx vertx = Vertx.vertx();
    DevIdentityProvider idp = Await.result(DevIdentityProvider.start(vertx, DevIdentityConfig.forTests(dir.resolve("idp"))));
    String clientId = idp.clientIds().get(0);
    CognitoTokenVerifier verifier = CognitoTokenVerifier.create(vertx, CognitoConfig.of(idp.issuer(), Set.of(clientId)));
    String token = Await.result(idp.tokens().signIn(DevUsers.AUDITOR.username(), DevUsers.AUDITOR.password(), clientId)).accessToken();

    JdbcAuditStore real = JdbcAuditStore.open("jdbc:sqlite:" + dir.resolve("audit.db"));
    real.migrate();
    EventCodec codec = new EventCodec();
    new TrailWriter(real, Clock.systemUTC()).append(TestEvents.mixed(EVENTS).stream().map(e -> IncomingEvent.of(codec, e, "t", 0, 0L)).toList());
    AtomicLong rowsRead = new AtomicLong();
    AuditStore counting = countingExports(real, rowsRead);
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("export-test", 2);
    var router = AuditApi.router(vertx, TestApi.useCases(counting, workers, Ed25519KeySigner.generate(TestLog.ORIGIN)),
        CognitoAuthHandler.create(verifier), new CursorCodec(new byte[32]),
        Clock.systemUTC());
    // Fixed small socket buffers (no kernel autotuning), so "the client stopped reading" shows within a few
    // hundred kilobytes instead of after the many megabytes loopback buffers can grow to.
    HttpServer server = Await.result(vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(64 * 1024))
        .requestHandler(router).listen(0, "127.0.0.1"));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setReceiveBufferSize(64 * 1024));
    try {
      AtomicLong bytes = new AtomicLong();
      AtomicLong lines = new AtomicLong();
      Promise<Void> ended = Promise.promise();
      // Handlers are set in the callback, on the event loop, before any of the body can be delivered.
      HttpClientResponse response = Await.result(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1",
              "/v1/audit/export?format=ndjson")
          .compose(request -> request.putHeader("Authorization", "Bearer " + token).send())
          .map(r -> {
            r.pause();
            r.handler(buffer -> {
              bytes.addAndGet(buffer.length());
              for (int i = 0; i < buffer.length(); i++) {
                if (buffer.getByte(i) == '\n') {
                  lines.incrementAndGet();
                }
              }
            });
            r.endHandler(v -> ended.complete());
            return r;
          }));
      assertEquals(200, response.statusCode());

      // The client reads nothing: the server fills the socket buffers, then its cursor must stall.
      long stalledAt = awaitStall(rowsRead);
      assertTrue(stalledAt < EVENTS / 4, "the cursor kept reading while the client read nothing: " + stalledAt + " rows");

      response.resume();
      Await.result(ended.future());
      assertEquals(EVENTS, lines.get());
      assertEquals(EVENTS, rowsRead.get());
      assertTrue(bytes.get() > 10_000_000L, "a range far bigger than the buffers was streamed");
    } finally {
      Await.result(client.close());
      Await.result(server.close());
      Await.result(workers.close());
      real.close();
      Await.result(verifier.close());
      Await.result(idp.close());
      Await.result(vertx.close());
    }
  }

  /** Waits until the number of rows read stops growing between two looks. */
  private static long awaitStall(AtomicLong rowsRead) throws InterruptedException {
    long previous = -1;
    while (true) {
      Thread.sleep(300);
      long now = rowsRead.get();
      if (now == previous && now > 0) {
        return now;
      }
      previous = now;
    }
  }

  /** The real store, counting the rows its exports hand to the sink. */
  private static AuditStore countingExports(AuditStore real, AtomicLong rows) {
    return (AuditStore) Proxy.newProxyInstance(AuditStore.class.getClassLoader(), new Class<?>[] {AuditStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("export")) {
            AuditStore.RecordSink sink = (AuditStore.RecordSink) args[1];
            return real.export((AuditQuery) args[0], record -> {
              rows.incrementAndGet();
              return sink.accept(record);
            });
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
